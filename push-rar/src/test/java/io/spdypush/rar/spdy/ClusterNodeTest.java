package io.spdypush.rar.spdy;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two push servers as nodes of a cluster (PushServer.joinCluster): each holds only the clients it is the home of,
 * and a client that connects to the other node is claimed from its home first. The directory of homes is a map
 * here; in the application it lives in the data grid (push-ejb).
 */
class ClusterNodeTest {

    private static final long WAIT_SECONDS = 5;

    private final Map<String, PushServer> homes = new ConcurrentHashMap<>();
    private final List<PushClient> clients = new ArrayList<>();
    private final PushServer nodeA = TestServers.start(TestServers.config());
    private final PushServer nodeB = TestServers.start(TestServers.config());

    ClusterNodeTest() {
        nodeA.joinCluster(clientId -> claim(nodeA, clientId));
        nodeB.joinCluster(clientId -> claim(nodeB, clientId));
    }

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        nodeA.stop();
        nodeB.stop();
    }

    @Test
    void aNodeKeepsMessagesOnlyForTheClientsItIsTheHomeOf() {
        PushMessage message = PushMessage.to("device-1").id("m-1").text("hello");
        assertThat(nodeA.send(message).get(0).status(), is(Delivery.Status.NOT_HOME));
        assertThat(nodeA.sendAgain(message, 5).status(), is(Delivery.Status.NOT_HOME));

        nodeA.takeClient("device-1", null, 0);
        assertThat(nodeA.send(message).get(0).status(), is(Delivery.Status.ACCEPTED));
    }

    @Test
    void theOutboxFollowsTheClientToItsNewHomeUnderTheSameSeqsAndNewSeqsGoOnAboveThem() throws Exception {
        becomeHome(nodeA, "device-2");
        long first = send(nodeA, "device-2", "m-2a");
        long second = send(nodeA, "device-2", "m-2b");

        BlockingQueue<ReceivedMessage> received = connect(nodeB, "device-2");
        ReceivedMessage one = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        ReceivedMessage two = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(List.of(one.seq(), one.id(), one.redelivered()), contains(first, "m-2a", false));
        assertThat(List.of(two.seq(), two.id(), two.redelivered()), contains(second, "m-2b", false));

        assertThat(send(nodeB, "device-2", "m-2c"), greaterThan(second));
        assertThat("the old home holds nothing for the client any more",
                nodeA.send(message("device-2", "m-2d")).get(0).status(), is(Delivery.Status.NOT_HOME));
    }

    @Test
    void aSessionTakenOverFromAnotherNodeEndsThereAndWhatItWasSentComesAgainWithRedelivery() throws Exception {
        BlockingQueue<ReceivedMessage> onA = connect(nodeA, "device-3");
        long seq = send(nodeA, "device-3", "m-3");
        assertThat(onA.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(seq));

        BlockingQueue<ReceivedMessage> onB = connect(nodeB, "device-3");
        ReceivedMessage again = onB.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(List.of(again.seq(), again.id(), again.redelivered()), contains(seq, "m-3", true));
        awaitOffline(nodeA, "device-3");
        assertThat(nodeB.session("device-3").isPresent(), is(true));
    }

    @Test
    void takeoversAcrossNodesCountTowardsOneLimitAndTheSessionOnlineStays() throws Exception {
        connect(nodeA, "device-11");
        for (int takeover = 1; takeover <= Takeovers.MAX; takeover++) {
            connect(takeover % 2 == 1 ? nodeB : nodeA, "device-11");
        }

        PushRefusedException refused = assertRefusedWith503(nodeB, "device-11");
        assertThat("the wait left in the minute", refused.retryAfterSeconds().orElseThrow(), greaterThan(30L));
        assertThat("the session online stays", nodeA.session("device-11").isPresent(), is(true));
        assertRefusedWith503(nodeA, "device-11");
        assertThat(nodeA.session("device-11").isPresent(), is(true));
    }

    @Test
    void aClientWhoseHomeHandsOffNothingStartsAboveTheFloorItWasGiven() throws Exception {
        long floor = send(nodeA, "device-0", "m-0") + 1_000_000;
        homes.put("device-4", nodeB);
        nodeB.takeClient("device-4", null, floor);
        assertThat(send(nodeB, "device-4", "m-4"), greaterThan(floor));
    }

    @Test
    void aPushStreamWhoseClientCannotBeClaimedIsRefusedWith503() {
        PushServer refusing = TestServers.start(TestServers.config());
        try {
            refusing.joinCluster(clientId -> CompletableFuture.failedFuture(new IllegalStateException("grid away")));
            assertRefusedWith503(refusing, "device-5");
        } finally {
            refusing.stop();
        }
    }

    @Test
    void aFullNodeRefusesANewClientBeforeClaimingIt() throws Exception {
        List<String> claimed = new CopyOnWriteArrayList<>();
        PushServer full = oneSessionNode(claimed, this::claim);
        try {
            connect(full, "device-6");
            assertRefusedWith503(full, "device-7");
            assertThat("not taken from its home to be turned away", claimed, contains("device-6"));
        } finally {
            full.stop();
        }
    }

    @Test
    void claimsUnderWayCountAgainstMaxSessions() throws Exception {
        List<String> claimed = new CopyOnWriteArrayList<>();
        // Its claims wait, as behind a reconnect storm.
        PushServer full = oneSessionNode(claimed, (node, clientId) -> new CompletableFuture<>());
        try {
            PushClient waiting = TestServers.client(full, "device-9").listener(message -> { }).build();
            clients.add(waiting);
            waiting.connect();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (claimed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertRefusedWith503(full, "device-10");
            assertThat("the node has room for the one it claims only", claimed, contains("device-9"));
        } finally {
            full.stop();
        }
    }

    @Test
    void aNodeTellsOfEachClientItForgotOnceItsSessionEndedWithNothingPending() throws Exception {
        BlockingQueue<String> forgotten = new LinkedBlockingQueue<>();
        PushServer node = TestServers.start(TestServers.config());
        try {
            node.joinCluster(new ClientClaims() {
                @Override
                public CompletionStage<Void> claim(String clientId) {
                    return ClusterNodeTest.this.claim(node, clientId);
                }

                @Override
                public void forgotten(String clientId) {
                    forgotten.add(clientId);
                }
            });
            BlockingQueue<ReceivedMessage> received = connect(node, "device-8");
            long seq = send(node, "device-8", "m-8");
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(seq));
            PushClient client = clients.get(clients.size() - 1);
            assertThat("held while online", node.holdsClient("device-8"), is(true));
            client.ack(seq).get(WAIT_SECONDS, TimeUnit.SECONDS);
            client.close();

            assertThat(forgotten.poll(WAIT_SECONDS, TimeUnit.SECONDS), is("device-8"));
            assertThat(node.holdsClient("device-8"), is(false));
        } finally {
            node.stop();
        }
    }

    /** A node of a cluster with room for one session, which records each client it claims and claims it so. */
    private static PushServer oneSessionNode(List<String> claimed,
                                             BiFunction<PushServer, String, CompletableFuture<Void>> claim) {
        PushServer node = TestServers.start(TestServers.limits(100, 1, 1024 * 1024, Duration.ofSeconds(5), 16, 500));
        node.joinCluster(clientId -> {
            claimed.add(clientId);
            return claim.apply(node, clientId);
        });
        return node;
    }

    private PushRefusedException assertRefusedWith503(PushServer node, String clientId) {
        PushClient client = TestServers.client(node, clientId).listener(message -> { }).build();
        clients.add(client);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(refused.getCause(), instanceOf(PushRefusedException.class));
        assertThat(((PushRefusedException) refused.getCause()).status(), is(503));
        return (PushRefusedException) refused.getCause();
    }

    /** What the application's claim does for a session opening on {@code node}, with a map for the directory. */
    private CompletableFuture<Void> claim(PushServer node, String clientId) {
        return CompletableFuture.runAsync(() -> becomeHome(node, clientId, PushServer::handOffClientForTakeover));
    }

    private void becomeHome(PushServer node, String clientId) {
        becomeHome(node, clientId, PushServer::handOffClient);
    }

    private void becomeHome(PushServer node, String clientId, BiFunction<PushServer, String, byte[]> handOff) {
        PushServer previous = homes.get(clientId);
        node.takeClient(clientId, previous != null && previous != node ? handOff.apply(previous, clientId) : null, 0);
        homes.put(clientId, node);
    }

    private long send(PushServer node, String clientId, String messageId) {
        if (!homes.containsKey(clientId)) {
            becomeHome(node, clientId);
        }
        Delivery delivery = node.send(message(clientId, messageId)).get(0);
        assertThat(delivery.status(), is(Delivery.Status.ACCEPTED));
        return delivery.seq();
    }

    private static PushMessage message(String clientId, String messageId) {
        return PushMessage.to(clientId).id(messageId).text("text of " + messageId);
    }

    private BlockingQueue<ReceivedMessage> connect(PushServer node, String clientId) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = TestServers.client(node, clientId).autoAck(false).listener(received::add).build();
        clients.add(client);
        client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return received;
    }

    private static void awaitOffline(PushServer node, String clientId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (node.session(clientId).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("the session on the old home ended", node.session(clientId).isPresent(), is(false));
    }
}
