package io.spdypush.rar.spdy;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushListener;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * docs/PROTOCOL.md §2: after any restart, a message handed back to the adapter (PushConnection.sendAgain)
 * keeps its seq and id and carries REDELIVERY; a client that had processed it does not get it again.
 * The servers here keep no outbox file, so a stop loses the outboxes as a crash would.
 */
class HandBackAfterCrashTest {

    private static final long WAIT_SECONDS = 5;

    private final List<PushClient> clients = new ArrayList<>();
    private final BlockingQueue<Acknowledgement> acknowledgements = new LinkedBlockingQueue<>();
    private PushServer server;

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        server.stop();
    }

    @Test
    void aMessageHandedBackAfterACrashKeepsItsSeqAndCarriesRedelivery() throws Exception {
        PushMessage message = PushMessage.to("device-1").id("m-1").text("sent before the crash");
        long seq = sendReceiveAndCrash(message, false);

        assertThat(server.sendAgain(message, seq).seq(), is(seq));
        BlockingQueue<ReceivedMessage> received = connect("device-1", 0);
        ReceivedMessage redelivered = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(List.of(redelivered.seq(), redelivered.id(), redelivered.redelivered()), contains(seq, "m-1", true));
        assertThat("a new message gets a higher seq", send("device-1", "m-new"), greaterThan(seq));
    }

    @Test
    void aMessageTheClientAcknowledgedBeforeTheCrashIsNotSentAgainAndCountsAsAcknowledged() throws Exception {
        PushMessage message = PushMessage.to("device-2").id("m-2").text("acknowledged before the crash");
        long seq = sendReceiveAndCrash(message, true);

        server.sendAgain(message, seq);
        BlockingQueue<ReceivedMessage> received = connect("device-2", seq);
        assertThat(acknowledgements.poll(WAIT_SECONDS, TimeUnit.SECONDS).messageIds(), contains("m-2"));
        assertThat(received.poll(500, TimeUnit.MILLISECONDS), nullValue());
    }

    @Test
    void aClientThatResumedBeforeTheHandBackDoesNotGetWhatItHadAndGetsTheRestInOrder() throws Exception {
        server = start();
        long hadSeq = send("device-3", "m-3a");
        long missedSeq = send("device-3", "m-3b");
        crash();

        BlockingQueue<ReceivedMessage> received = connect("device-3", hadSeq);
        Delivery had = server.sendAgain(message("device-3", "m-3a"), hadSeq);
        server.sendAgain(message("device-3", "m-3b"), missedSeq);
        long newSeq = send("device-3", "m-3c");

        assertThat(had.seq(), is(hadSeq));
        // At once when the session had applied push-last-seq, else as it does.
        assertThat(acknowledgements.poll(WAIT_SECONDS, TimeUnit.SECONDS).messageIds(), contains("m-3a"));
        ReceivedMessage next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(List.of(next.seq(), next.id(), next.redelivered()), contains(missedSeq, "m-3b", true));
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(newSeq));
    }

    @Test
    void aMessageHandedBackAfterANewerOneWentOutGetsANewSeq() throws Exception {
        server = start();
        long missedSeq = send("device-4", "m-4a");
        crash();
        BlockingQueue<ReceivedMessage> received = connect("device-4", 0);
        long newSeq = send("device-4", "m-4b");
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(newSeq));

        assertThat(server.sendAgain(message("device-4", "m-4a"), missedSeq).seq(), greaterThan(newSeq));
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).id(), is("m-4a"));
    }

    @Test
    void aClientForgottenAfterANewerMessageWentOutGetsAHandedBackOneUnderANewSeq() throws Exception {
        server = start();
        long missedSeq = send("device-5", "m-5a");
        crash();
        long newSeq;
        BlockingQueue<ReceivedMessage> delivered = new LinkedBlockingQueue<>();
        try (PushClient client = TestServers.client(server, "device-5").listener(delivered::add).build()) {
            client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            newSeq = send("device-5", "m-5b");
            // Acknowledged once it has arrived: an ack above what the server has sent is refused with 400.
            assertThat(delivered.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(newSeq));
            assertThat(client.ack(newSeq).get(WAIT_SECONDS, TimeUnit.SECONDS), is(newSeq));
        }
        awaitNoClients();

        assertThat(server.sendAgain(message("device-5", "m-5a"), missedSeq).seq(), greaterThan(newSeq));
        ReceivedMessage next = connect("device-5", newSeq).poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat("not taken as covered by the acknowledgement of the newer one", next.id(), is("m-5a"));
    }

    @Test
    void aClientForgottenWithNothingSentStillTakesBackItsOldSeqBelowItsNewFloor() throws Exception {
        server = start();
        long seq = send("device-6", "m-6");
        crash();
        try (PushClient client = TestServers.client(server, "device-6").listener(message -> { }).build()) {
            client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        awaitNoClients();
        long otherSeq = send("device-7", "m-7");
        assertThat("the floor is above the old seq", otherSeq, greaterThan(seq));

        assertThat(server.sendAgain(message("device-6", "m-6"), seq).seq(), is(seq));
        long newSeq = send("device-6", "m-6b");
        BlockingQueue<ReceivedMessage> received = connect("device-6", 0);
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(seq));
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(newSeq));
        assertThat(seq, lessThan(newSeq));
        assertThat(acknowledgements, is(empty()));
    }

    /**
     * Sends the message, lets a client receive it (and acknowledge it when {@code acknowledge}), then
     * stops without saving the outboxes, as a crash.
     */
    private long sendReceiveAndCrash(PushMessage message, boolean acknowledge) throws Exception {
        server = start();
        long seq = server.send(message).get(0).seq();
        String clientId = ((Audience.Client) message.audience()).clientId();
        BlockingQueue<ReceivedMessage> before = new LinkedBlockingQueue<>();
        try (PushClient client = TestServers.client(server, clientId).autoAck(false).listener(before::add).build()) {
            client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(before.poll(WAIT_SECONDS, TimeUnit.SECONDS).seq(), is(seq));
            if (acknowledge) {
                client.ack(seq).get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        crash();
        return seq;
    }

    /** Stops without an outbox file and starts again, a millisecond later at least: new outboxes number from the clock. */
    private void crash() throws InterruptedException {
        server.stop();
        Thread.sleep(5);
        acknowledgements.clear();
        server = start();
    }

    private long send(String clientId, String messageId) {
        return server.send(message(clientId, messageId)).get(0).seq();
    }

    private static PushMessage message(String clientId, String messageId) {
        return PushMessage.to(clientId).id(messageId).text("text of " + messageId);
    }

    private void awaitNoClients() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (server.clientCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("every client forgotten", server.clientCount(), is(0));
    }

    private PushServer start() {
        return TestServers.start(TestServers.config(), new PushListener() {
            @Override
            public void onAcknowledged(Acknowledgement acknowledgement) {
                acknowledgements.add(acknowledgement);
            }
        });
    }

    private BlockingQueue<ReceivedMessage> connect(String clientId, long lastSeq) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient.Builder builder = TestServers.client(server, clientId).autoAck(false).listener(received::add);
        if (lastSeq > 0) {
            builder.lastSeq(lastSeq);
        }
        PushClient client = builder.build();
        clients.add(client);
        client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return received;
    }
}
