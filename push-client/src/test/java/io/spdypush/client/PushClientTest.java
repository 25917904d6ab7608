package io.spdypush.client;

import io.spdypush.testing.Packets;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against a real SPDY/3.1 peer over loopback. */
class PushClientTest {

    private static final int WAIT_SECONDS = 10;

    private final RecordingListener listener = new RecordingListener();
    @RegisterExtension
    final SpdyServerPerTest spdy = new SpdyServerPerTest();
    private PushClient client;

    @Test
    void opensThePushStreamWithTheHeadersOfTheProtocol() throws Exception {
        client = spdy.closeAfter(builder().token("t0k3n").lastSeq(17).topics("news", "sport").build());

        PushSession session = client.connect().get(WAIT_SECONDS, SECONDS);

        assertThat(session.id(), is(TestSpdyServer.SESSION_ID));
        assertThat(session.heartbeatSeconds(), is(60));
        TestSpdyServer.Request request = spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(request.streamId(), is(1));
        assertThat("FLAG_FIN on the SYN_STREAM", request.fin(), is(true));
        assertThat(request.headers(), is(Map.of(
                ":method", "GET",
                ":path", "/push",
                ":version", "HTTP/1.1",
                ":host", "127.0.0.1:" + spdy.server().port(),
                ":scheme", "http",
                "push-client", "device-42",
                "authorization", "Bearer t0k3n",
                "push-last-seq", "17",
                "push-topics", "news,sport")));
    }

    @Test
    void leavesOptionalHeadersOutWhenNotGiven() throws Exception {
        client = spdy.closeAfter(builder().build());

        client.connect().get(WAIT_SECONDS, SECONDS);

        assertThat(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS).headers().keySet(),
                allOf(not(org.hamcrest.Matchers.hasItem("authorization")),
                        not(org.hamcrest.Matchers.hasItem("push-last-seq")),
                        not(org.hamcrest.Matchers.hasItem("push-topics"))));
    }

    @Test
    void receivesMessagesWholeWhateverTheDataFramesAndTheFlowControlWindow() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        byte[] large = Packets.pattern(200 * 1024);
        byte[] largest = Packets.pattern(1024 * 1024);

        spdy.server().push(Packets.concat(
                Packets.text(1, "m-1", "first"),
                Packets.message(2, Packets.ACK_REQUIRED, "m-2", "application/octet-stream", large),
                Packets.text(3, "m-3", "third"),
                Packets.message(4, Packets.ACK_REQUIRED | Packets.REDELIVERY, "m-4", "application/octet-stream",
                        largest)), 1, 7, 13, 5000, 70_000, 3);

        List<ReceivedMessage> messages = take(4);
        assertThat(messages.stream().map(ReceivedMessage::seq).toList(), contains(1L, 2L, 3L, 4L));
        assertThat(messages.get(0).text(), is("first"));
        assertThat(messages.get(1).payload(), is(large));
        assertThat(messages.get(2).text(), is("third"));
        assertThat(messages.get(3).payload(), is(largest));
        assertThat(messages.get(3).redelivered(), is(true));
        assertThat(lastAck(4), is(4L));
    }

    @Test
    void acknowledgesABatchOfMessagesWithOneAckOfTheHighestSeq() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        List<byte[]> packets = new ArrayList<>();
        for (int seq = 1; seq <= 50; seq++) {
            packets.add(Packets.text(seq, "m-" + seq, "message " + seq));
        }

        spdy.server().push(Packets.concat(packets.toArray(byte[][]::new)), 100_000);

        take(50);
        assertThat(lastAck(50), is(50L));
        assertThat("acks for 50 messages read at once", spdy.server().ackRequests.size(), is(0));
    }

    @Test
    void acknowledgesOnANewStreamWithTheHeadersOfTheProtocol() throws Exception {
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        assertThat(client.ack(7).get(WAIT_SECONDS, SECONDS), is(7L));
        assertThat(client.ack(9).get(WAIT_SECONDS, SECONDS), is(9L));

        TestSpdyServer.Request first = spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);
        TestSpdyServer.Request second = spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(first.streamId(), is(3));
        assertThat(second.streamId(), is(5));
        assertThat("FLAG_FIN on the SYN_STREAM", first.fin(), is(true));
        assertThat(first.headers(), is(Map.of(
                ":method", "POST",
                ":path", "/ack",
                ":version", "HTTP/1.1",
                ":host", "127.0.0.1:" + spdy.server().port(),
                ":scheme", "http",
                "push-ack", "7")));
    }

    @Test
    void doesNotAcknowledgeByItselfWhenAutoAckIsOff() throws Exception {
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.text(1, "m-1", "x"), 100);

        take(1);
        assertThat(spdy.server().ackRequests.poll(300, TimeUnit.MILLISECONDS), is(nullValue()));
    }

    @Test
    void ackFailsWithTheStatusTheServerAnswers() throws Exception {
        spdy.server().ackStatus = 400;
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.ack(99).get(WAIT_SECONDS, SECONDS));

        assertThat(failure.getCause(), instanceOf(PushRefusedException.class));
        assertThat(((PushRefusedException) failure.getCause()).status(), is(400));
    }

    @Test
    void refusedPushStreamFailsConnectWithTheStatus() throws Exception {
        spdy.server().pushStatus = 401;
        client = spdy.closeAfter(builder().build());

        PushRefusedException refused = refusal(client.connect());

        assertThat(refused.status(), is(401));
        assertThat(refused.retryAfterSeconds(), is(OptionalLong.empty()));
        assertThat(refused.getMessage(), is("the server refused the push stream with status 401"));
        assertThat("the client ends the useless session", spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
    }

    @Test
    void refusedPushStreamCarriesRetryAfter() throws Exception {
        spdy.server().pushStatus = 503;
        spdy.server().retryAfter = "30";
        client = spdy.closeAfter(builder().build());

        PushRefusedException refused = refusal(client.connect());

        assertThat(refused.status(), is(503));
        assertThat(refused.retryAfterSeconds(), is(OptionalLong.of(30)));
    }

    @Test
    void goAwayIsReportedToTheListenerAndFailsPendingAcks() throws Exception {
        spdy.server().ackStatus = 0;
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        CompletableFuture<Long> pending = client.ack(1);
        spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);

        spdy.server().goAway(SpdySessionStatus.INTERNAL_ERROR);

        SessionClosedException reason = listener.disconnected();
        assertThat(reason.getMessage(), is("the server sent GOAWAY INTERNAL_ERROR"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(WAIT_SECONDS, SECONDS));
        assertThat(failure.getCause(), is(reason));
        assertThat(spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
    }

    @Test
    void lostConnectionIsReportedToTheListener() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().dropConnection();

        assertThat(listener.disconnected().getMessage(), containsString("was closed"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> client.ack(1).get(WAIT_SECONDS, SECONDS));
        assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
    }

    @Test
    void malformedPacketMakesTheClientSendGoAwayProtocolError() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.concat(Packets.text(1, "m-1", "fine"),
                Packets.withLength(5, Packets.MESSAGE, 0, 2, 0, new byte[0], new byte[0])), 1000);

        assertThat(spdy.server().goAways.poll(WAIT_SECONDS, SECONDS), is(SpdySessionStatus.PROTOCOL_ERROR));
        SessionClosedException reason = listener.disconnected();
        assertThat(reason.getMessage(), containsString("length 5 is below the minimum of 12"));
        assertThat(reason.getCause(), instanceOf(PushProtocolException.class));
        assertThat(take(1).get(0).seq(), is(1L));
        assertThat(spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
    }

    @Test
    void payloadOverTheClientsMaximumIsAProtocolError() throws Exception {
        client = spdy.closeAfter(builder().maxPayloadBytes(1000).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.message(1, 0, "m-1", "application/octet-stream", new byte[1001]), 100);

        assertThat(spdy.server().goAways.poll(WAIT_SECONDS, SECONDS), is(SpdySessionStatus.PROTOCOL_ERROR));
        assertThat(listener.disconnected().getMessage(), containsString("above the limit of 1000"));
    }

    @Test
    void listenerFailureEndsTheSessionWithoutAcknowledgingTheMessage() throws Exception {
        client = spdy.closeAfter(builder(message -> {
            if (message.seq() == 2) {
                throw new IllegalStateException("cannot store it");
            }
            listener.received.add(message);
        }).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.concat(Packets.text(1, "m-1", "a"), Packets.text(2, "m-2", "b"),
                Packets.text(3, "m-3", "c")), 100_000);

        assertThat(listener.disconnected().getMessage(),
                containsString("the listener failed on message seq 2"));
        assertThat(take(1).get(0).seq(), is(1L));
        assertThat("message 3 is not delivered after the failure", listener.received.poll(200, TimeUnit.MILLISECONDS),
                is(nullValue()));
        for (TestSpdyServer.Request ack : spdy.server().ackRequests) {
            assertThat(Long.parseLong(ack.headers().get("push-ack")), lessThanOrEqualTo(1L));
        }
    }

    @Test
    void closeCancelsThePushStreamSaysGoAwayOkAndReturnsWithoutTheGrace() throws Exception {
        client = spdy.closeAfter(builder().build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        long start = System.nanoTime();
        client.close();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        SpdyRstStreamFrame reset = spdy.server().resets.poll(WAIT_SECONDS, SECONDS);
        assertThat(reset.streamId(), is(1));
        assertThat(reset.status(), is(SpdyStreamStatus.CANCEL));
        assertThat(spdy.server().goAways.poll(WAIT_SECONDS, SECONDS), is(SpdySessionStatus.OK));
        assertThat(spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
        assertThat(elapsedMillis, lessThan(ClientSessionHandler.CLOSE_GRACE_MILLIS));
        assertThat("onDisconnected is not called for close()", listener.disconnects.isEmpty(), is(true));
    }

    @Test
    void closeEndsTheConnectionAfterTheGraceWhenAnAckIsNeverAnswered() throws Exception {
        spdy.server().ackStatus = 0;
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        CompletableFuture<Long> pending = client.ack(1);
        spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);

        client.close();

        assertThat(spdy.server().disconnected.await(WAIT_SECONDS, SECONDS), is(true));
        assertThat(pending.isCompletedExceptionally(), is(true));
    }

    @Test
    void connectFailsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = spdy.closeAfter(PushClient.builder().server("127.0.0.1", port).clientId("device-42").listener(listener.received::add).build());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect().get(WAIT_SECONDS, SECONDS));

        assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
        assertThat(failure.getCause().getMessage(), containsString("cannot connect to 127.0.0.1:" + port));
    }

    @Test
    void ackBeforeConnectFails() {
        client = spdy.closeAfter(builder().build());

        ExecutionException failure = assertThrows(ExecutionException.class, () -> client.ack(1).get());

        assertThat(failure.getCause().getMessage(), containsString("not connected"));
    }

    @Test
    void builderRejectsAnInvalidClientId() {
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> PushClient.builder().clientId("no spaces"));

        assertThat(invalid.getMessage(), containsString("client id \"no spaces\" is invalid"));
    }

    @Test
    void builderRejectsATopicTheServerWouldRefuseAndDropsBlanksAroundOne() throws Exception {
        for (String topic : new String[] {"no spaces", "", "a,b", "x".repeat(129), null}) {
            assertThrows(IllegalArgumentException.class, () -> PushClient.builder().topics(topic), topic);
        }
        client = spdy.closeAfter(builder().topics(" scores/live ", "a.b_c:d@e-f").build());

        client.connect().get(WAIT_SECONDS, SECONDS);

        assertThat(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS).headers().get("push-topics"),
                is("scores/live,a.b_c:d@e-f"));
    }

    private PushClient.Builder builder() {
        return builder(listener::onMessage);
    }

    private PushClient.Builder builder(Consumer<ReceivedMessage> onMessage) {
        return PushClient.builder()
                .server("127.0.0.1", spdy.server().port())
                .clientId("device-42")
                .listener(new PushListener() {
                    @Override
                    public void onMessage(ReceivedMessage message) {
                        onMessage.accept(message);
                    }

                    @Override
                    public void onDisconnected(SessionClosedException reason) {
                        listener.onDisconnected(reason);
                    }
                });
    }

    private List<ReceivedMessage> take(int count) throws InterruptedException {
        return listener.take(count);
    }

    /** Waits for the ack of seq, allowing earlier ones; returns it (and leaves later acks queued). */
    private long lastAck(long seq) throws InterruptedException {
        while (true) {
            TestSpdyServer.Request ack = spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);
            assertThat("an ack up to " + seq, ack, is(notNullValue()));
            long acked = Long.parseLong(ack.headers().get("push-ack"));
            assertThat(acked, lessThanOrEqualTo(seq));
            if (acked == seq) {
                return acked;
            }
        }
    }

    private static PushRefusedException refusal(CompletableFuture<PushSession> connect) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> connect.get(WAIT_SECONDS, SECONDS));
        assertThat(failure.getCause(), instanceOf(PushRefusedException.class));
        return (PushRefusedException) failure.getCause();
    }
}
