package io.spdypush.ejb.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Calls between nodes (NodeCalls) and the outcomes they tell each other (OutcomeBroadcast), over a real two-member
 * Hazelcast grid on loopback.
 */
class GridCallsTest {

    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    static final TwoNodeGrid grid = new TwoNodeGrid();

    @Test
    void aCallIsAnsweredByTheNodeItIsMadeTo() throws Exception {
        NodeCalls caller = calls(grid.first, new Answering("first"));
        NodeCalls callee = calls(grid.second, new Answering("second"));
        try {
            UUID second = grid.second.getCluster().getLocalMember().getUuid();
            PushMessage message = PushMessage.to(List.of("a", "b")).id("m-1").text("hi");
            assertThat(caller.send(second, message).get(WAIT_SECONDS, TimeUnit.SECONDS), contains(
                    Delivery.accepted("a", "m-1", 1), Delivery.accepted("b", "m-1", 2)));
            assertThat(new String(caller.handOff(second, "a").get(WAIT_SECONDS, TimeUnit.SECONDS)), is("second:a"));
            assertThat(caller.status(second).get(WAIT_SECONDS, TimeUnit.SECONDS).node(), is("second"));
            assertThat(caller.session(second, "c").get(WAIT_SECONDS, TimeUnit.SECONDS).map(SessionInfo::node),
                    is(Optional.of("second")));
            assertThat(caller.disconnect(second, "c").get(WAIT_SECONDS, TimeUnit.SECONDS), is(true));
            assertThat(caller.cancel(second, "c", "kept").get(WAIT_SECONDS, TimeUnit.SECONDS), is(true));
            assertThat(caller.cancel(second, "c", "gone").get(WAIT_SECONDS, TimeUnit.SECONDS), is(false));
            assertThat(caller.topics(second, "news", 10).get(WAIT_SECONDS, TimeUnit.SECONDS),
                    contains(new TopicInfo("news/second", 10)));
        } finally {
            caller.stop();
            callee.stop();
        }
    }

    @Test
    void aCallThatFailsThereFailsHereWithTheReason() {
        ExecutionException failed = handOffThatThrows(new IllegalStateException("the adapter is stopping"));
        assertThat(failed.getCause().getMessage(), containsString("the adapter is stopping"));
    }

    @Test
    void aHandOffRefusedAsOneTakeoverTooManyFailsHereWithTheWait() {
        ExecutionException failed = handOffThatThrows(new TakeoverThrottledException("a", 42));
        assertThat(failed.getCause(), instanceOf(TakeoverThrottledException.class));
        assertThat(((TakeoverThrottledException) failed.getCause()).retryAfterSeconds(), is(42L));
    }

    /** How a hand-off fails on the first node when the second node's answer throws {@code thrown}. */
    private static ExecutionException handOffThatThrows(RuntimeException thrown) {
        NodeCalls caller = calls(grid.first, new Answering("first"));
        NodeCalls callee = calls(grid.second, new Answering("second") {
            @Override
            public byte[] handOff(String clientId) {
                throw thrown;
            }
        });
        try {
            return assertThrows(ExecutionException.class, () -> caller.handOff(
                    grid.second.getCluster().getLocalMember().getUuid(), "a").get(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            caller.stop();
            callee.stop();
        }
    }

    @Test
    void aCallNobodyAnswersFailsAfterTheTimeoutAndOneToANodeThatLeftAtOnce() {
        NodeCalls caller = calls(grid.first, new Answering("first"));
        try {
            UUID nobody = UUID.randomUUID();
            ExecutionException timedOut = assertThrows(ExecutionException.class,
                    () -> caller.status(nobody).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(timedOut.getCause(), instanceOf(TimeoutException.class));

            CompletableFuture<NodeStatus> waiting = caller.status(nobody);
            caller.memberLeft(nobody);
            ExecutionException left = assertThrows(ExecutionException.class, () -> waiting.get(1, TimeUnit.SECONDS));
            assertThat(left.getCause().getMessage(), containsString("left the cluster"));
        } finally {
            caller.stop();
        }
    }

    @Test
    void outcomesRecordedOnOneNodeAreHeardOnTheOthersOnly() throws Exception {
        BlockingQueue<List<DeliveryOutcome>> heardFirst = new LinkedBlockingQueue<>();
        BlockingQueue<List<DeliveryOutcome>> heardSecond = new LinkedBlockingQueue<>();
        OutcomeBroadcast first = new OutcomeBroadcast(grid.first, heardFirst::add);
        OutcomeBroadcast second = new OutcomeBroadcast(grid.second, heardSecond::add);
        first.start();
        second.start();
        try {
            List<DeliveryOutcome> outcomes = List.of(new DeliveryOutcome("a", "m-1", 7, DeliveryOutcome.State.DELIVERED,
                    ""), new DeliveryOutcome("b", "m-1", 0, DeliveryOutcome.State.REFUSED, "outbox full"));
            first.recorded(outcomes);
            assertThat(heardSecond.poll(WAIT_SECONDS, TimeUnit.SECONDS), is(outcomes));
            assertThat(heardFirst.poll(500, TimeUnit.MILLISECONDS), nullValue());
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static NodeCalls calls(HazelcastInstance member, NodeCalls.Answers answers) {
        NodeCalls calls = new NodeCalls(member, grid.executor, answers, Duration.ofSeconds(2));
        calls.start();
        return calls;
    }

    /** Answers every call with something that names this node. */
    static class Answering implements NodeCalls.Answers {

        private final String node;

        Answering(String node) {
            this.node = node;
        }

        @Override
        public List<Delivery> send(PushMessage message) {
            List<String> clients = ((Audience.Clients) message.audience()).clientIds();
            return List.of(Delivery.accepted(clients.get(0), message.id(), 1),
                    Delivery.accepted(clients.get(1), message.id(), 2));
        }

        @Override
        public List<Delivery> fanOut(PushMessage message) {
            return List.of();
        }

        @Override
        public byte[] handOff(String clientId) {
            return (node + ":" + clientId).getBytes();
        }

        @Override
        public NodeStatus status() {
            return new NodeStatus(node, true, true, 7070, 1, 1, 0, true);
        }

        @Override
        public List<SessionInfo> sessions(String clientIdPrefix, int limit) {
            return List.of();
        }

        @Override
        public Optional<SessionInfo> session(String clientId) {
            return Optional.of(new SessionInfo(clientId, "s", "127.0.0.1:1", Instant.EPOCH, null, 1,
                    List.of(), 0, node, "h2"));
        }

        @Override
        public boolean disconnect(String clientId) {
            return true;
        }

        /** A message is there when its id says so. */
        @Override
        public boolean cancel(String clientId, String messageId) {
            return messageId.equals("kept");
        }

        @Override
        public List<TopicInfo> topics(String namePrefix, int limit) {
            return List.of(new TopicInfo(namePrefix + "/" + node, limit));
        }
    }
}
