package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.spdy.DefaultSpdySettingsFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdySettingsFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import io.spdypush.protocol.Tokens;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.rar.token.TokenSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.TOKENS;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The push server on a real loopback socket, driven by the real client and by raw SPDY frames. */
class PushServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final RunningServer running = new RunningServer();

    @Test
    void theStatusSaysWhetherTheListenerAcceptsWithoutAConnectionToIt() {
        assertThat(running.server().status().listening(), is(true));
        assertThat("readiness asks the status and opens no connection", running.server().status().connections(), is(0));
        running.server().stop();
        assertThat(running.server().status().listening(), is(false));
    }

    @Test
    void sendsMaxConcurrentStreamsAndInitialWindowSizeOnceTheFirstBytesSaySpdy() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(new DefaultSpdySettingsFrame()); // cleartext: the first bytes choose the transport (§10)
            SpdySettingsFrame settings = raw.next(SpdySettingsFrame.class);
            assertThat(settings.getValue(SpdySettingsFrame.SETTINGS_MAX_CONCURRENT_STREAMS), is(100));
            assertThat(settings.getValue(SpdySettingsFrame.SETTINGS_INITIAL_WINDOW_SIZE), is(65536));
        }
    }

    @Test
    void acceptsThePushStreamAndKeepsItOpen() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(pushStream(1, "device-1"));
            SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
            assertThat(reply.streamId(), is(1));
            assertThat(reply.isLast(), is(false));
            assertThat(reply.headers().getAsString(":status"), is("200"));
            assertThat(reply.headers().getAsString(":version"), is("HTTP/1.1"));
            assertThat(reply.headers().getAsString("push-session"), not(nullValue()));
            assertThat(reply.headers().getAsString("push-heartbeat"), is("60"));
        }
    }

    @Test
    void refusesAPushStreamWithAMalformedClientIdWith400() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(synStream(1, "GET", "/push", true, "push-client", "no spaces allowed"));
            SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
            assertThat(reply.headers().getAsString(":status"), is("400"));
            assertThat(reply.isLast(), is(true));
        }
    }

    @Test
    void refusesAPushStreamWithoutAValidTokenWith401() throws Exception {
        String expired = TOKENS.mint("device-1", Instant.now().minusSeconds(1), Instant.now().minusSeconds(60));
        String otherClients = TestServers.token("device-2");
        String otherSecrets = new TokenSigner("another secret of at least 32 bytes", Duration.ofDays(1))
                .mint("device-1", Instant.now().plusSeconds(60), Instant.now());
        String beyondMaxLifetime = Tokens.mint(TestServers.SECRET, "device-1",
                Instant.now().plus(Duration.ofDays(2)).getEpochSecond());
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(synStream(1, "GET", "/push", true, "push-client", "device-1"));
            raw.send(synStream(3, "GET", "/push", true, "push-client", "device-1",
                    "authorization", "Bearer " + expired));
            raw.send(synStream(5, "GET", "/push", true, "push-client", "device-1",
                    "authorization", "Bearer " + otherClients));
            raw.send(synStream(7, "GET", "/push", true, "push-client", "device-1",
                    "authorization", "Bearer " + otherSecrets));
            raw.send(synStream(9, "GET", "/push", true, "push-client", "device-1",
                    "authorization", "Basic ZGV2aWNlLTE6eA=="));
            raw.send(synStream(11, "GET", "/push", true, "push-client", "device-1",
                    "authorization", "Bearer " + beyondMaxLifetime));
            for (int streamId = 1; streamId <= 11; streamId += 2) {
                SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
                assertThat(reply.streamId(), is(streamId));
                assertThat(reply.headers().getAsString(":status"), is("401"));
                assertThat(reply.isLast(), is(true));
            }
        }
    }

    @Test
    void mintsTokensThatOpenThePushStream() throws Exception {
        try (PushClient client = PushClient.builder().server("127.0.0.1", running.server().port()).clientId("device-1")
                .token(running.server().mintToken("device-1", Duration.ofMinutes(5))).listener(message -> { }).build()) {
            assertThat(client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
        }
    }

    @Test
    void refusesToMintATokenValidForLongerThanTheMaximumLifetime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> running.server().mintToken("device-1", Duration.ofDays(2)));
        assertThat(e.getMessage(), containsString("over the limit of 86400 seconds"));
        assertThat(e.getMessage(), containsString("maxTokenLifetimeSeconds"));
    }

    @Test
    void refusesASecondPushStreamOnTheSameSessionWith409() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            raw.send(pushStream(3, "device-1"));
            SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
            assertThat(reply.streamId(), is(3));
            assertThat(reply.headers().getAsString(":status"), is("409"));
            assertThat(reply.isLast(), is(true));
        }
    }

    @Test
    void answersANormalStreamOpenedBeforeThePushStreamWith401AndAReason() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(synStream(1, "POST", "/ack", true, "push-ack", "1"));
            SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
            assertThat(reply.headers().getAsString(":status"), is("401"));
            assertThat(reply.headers().getAsString("content-type"), is("text/plain; charset=utf-8"));
            SpdyDataFrame body = raw.next(SpdyDataFrame.class);
            try {
                assertThat(reply.headers().getAsString("content-length"),
                        is(Integer.toString(body.content().readableBytes())));
                assertThat(body.content().toString(java.nio.charset.StandardCharsets.UTF_8),
                        is("open the push stream first"));
                assertThat(body.isLast(), is(true));
            } finally {
                body.release();
            }
        }
    }

    @Test
    void answersAnUnknownPathWith404() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            raw.send(synStream(3, "GET", "/nothing-here", true));
            SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
            assertThat(reply.streamId(), is(3));
            assertThat(reply.headers().getAsString(":status"), is("404"));
        }
    }

    @Test
    void answersAPingWithTheSameId() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(new DefaultSpdyPingFrame(7));
            assertThat(raw.next(SpdyPingFrame.class).id(), is(7));
        }
    }

    @Test
    void deliversMessagesSentBeforeAndAfterConnectInSeqOrder() throws Exception {
        long first = send("device-1", "one");
        send("device-1", "two");
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = connect("device-1", received::add, 0);
        long third = send("device-1", "three");

        List<ReceivedMessage> messages = take(received, 3);
        assertThat(messages.stream().map(ReceivedMessage::seq).toList(), contains(first, first + 1, first + 2));
        assertThat(messages.stream().map(ReceivedMessage::text).toList(), contains("one", "two", "three"));
        assertThat(messages.get(0).ackRequired(), is(true));
        assertThat(messages.get(0).redelivered(), is(false));

        assertThat(client.ack(third).get(WAIT.toSeconds(), TimeUnit.SECONDS), is(third));
        assertThat(running.server().status().pendingMessages(), is(0L));
    }

    @Test
    void refusesAnAckAboveTheHighestSeqSentWith400() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = connect("device-1", received::add, 0);
        long one = send("device-1", "one");
        take(received, 1);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.ack(one + 1).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(e.getCause(), instanceOf(PushRefusedException.class));
        assertThat(((PushRefusedException) e.getCause()).status(), is(400));
        assertThat("the session survives a refused ack", client.ack(one).get(WAIT.toSeconds(), TimeUnit.SECONDS),
                is(one));
    }

    @Test
    void messagesThatWaitedForTheClientGoOutTogetherInOneDataFrame() throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // the test outbox's limit
            seqs.add(send("device-1", "message " + i));
        }
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            SpdyDataFrame data = raw.next(SpdyDataFrame.class);
            try {
                List<Long> seqsInFrame = new ArrayList<>();
                ByteBuf packets = data.content();
                while (packets.isReadable()) {
                    int length = packets.readInt();
                    seqsInFrame.add(packets.getLong(packets.readerIndex() + 2)); // after type and flags
                    packets.skipBytes(length);
                }
                assertThat(seqsInFrame, is(seqs));
            } finally {
                data.release();
            }
        }
    }

    @Test
    void aMessageLargerThanTheFlowControlWindowArrivesWhole() throws Exception {
        byte[] payload = new byte[900 * 1024];
        Arrays.fill(payload, (byte) 'x');
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        connect("device-1", received::add, 0);
        running.server().send(PushMessage.to("device-1").bytes("application/octet-stream", payload));
        assertThat(take(received, 1).get(0).payload(), is(payload));
    }

    @Test
    void aSecondSessionForTheClientTakesOverAndGetsTheUnacknowledgedMessagesAgain() throws Exception {
        BlockingQueue<ReceivedMessage> firstReceived = new LinkedBlockingQueue<>();
        CompletableFuture<SessionClosedException> firstClosed = new CompletableFuture<>();
        connect("device-1", new PushListener() {
            @Override
            public void onMessage(ReceivedMessage message) {
                firstReceived.add(message);
            }

            @Override
            public void onDisconnected(SessionClosedException reason) {
                firstClosed.complete(reason);
            }
        }, 0);
        long one = send("device-1", "one");
        take(firstReceived, 1);

        BlockingQueue<ReceivedMessage> secondReceived = new LinkedBlockingQueue<>();
        connect("device-1", secondReceived::add, 0);
        assertThat("the old session is told to go away", firstClosed.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                notNullValue());
        ReceivedMessage again = take(secondReceived, 1).get(0);
        assertThat(again.seq(), is(one));
        assertThat(again.text(), is("one"));
        assertThat(again.redelivered(), is(true));
    }

    @Test
    void resumingWithLastSeqSkipsWhatTheClientAlreadyProcessed() throws Exception {
        BlockingQueue<ReceivedMessage> firstReceived = new LinkedBlockingQueue<>();
        PushClient first = connect("device-1", firstReceived::add, 0);
        long one = send("device-1", "one");
        long two = send("device-1", "two");
        take(firstReceived, 2);
        first.close();

        BlockingQueue<ReceivedMessage> resumed = new LinkedBlockingQueue<>();
        connect("device-1", resumed::add, one);
        ReceivedMessage message = take(resumed, 1).get(0);
        assertThat(message.seq(), is(two));
        assertThat(message.redelivered(), is(true));
        assertThat("nothing else", resumed.poll(300, TimeUnit.MILLISECONDS), nullValue());
    }

    @Test
    void packetsWaitInTheOutboxWhileTheClientsWindowIsExhausted() throws Exception {
        int messages = 5;
        byte[] payload = new byte[200 * 1024];
        try (RawSpdyConnection raw = new RawSpdyConnection(running.server().port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            long lastSeq = 0;
            for (int i = 0; i < messages; i++) {
                lastSeq = running.server().send(PushMessage.to("device-1").bytes("application/octet-stream", payload)).get(0)
                        .seq();
            }
            // The raw peer sends no WINDOW_UPDATE: 64 KiB arrive, the rest must not pile up in Netty.
            long received = receiveData(raw, 64 * 1024);
            Thread.sleep(200);
            long handedToNetty = running.server().context().client("device-1").outbox().highestSent();
            assertThat("waiting in the outbox, not in Netty's queue", handedToNetty < lastSeq, is(true));

            raw.send(new DefaultSpdyWindowUpdateFrame(0, Integer.MAX_VALUE - 65536));
            raw.send(new DefaultSpdyWindowUpdateFrame(1, Integer.MAX_VALUE - 65536));
            long total = (long) messages * (16 + MessageMeta.of(PushMessage.to("device-1")
                    .bytes("application/octet-stream", payload)).length + payload.length);
            received += receiveData(raw, total - received);
            assertThat(received, is(total));
            assertThat(running.server().context().client("device-1").outbox().highestSent(), is(lastSeq));
        }
    }

    /** Reads DATA frames until {@code bytes} have arrived, and returns how many did. */
    private static long receiveData(RawSpdyConnection raw, long bytes) throws InterruptedException {
        long received = 0;
        while (received < bytes) {
            SpdyDataFrame data = raw.next(SpdyDataFrame.class);
            received += data.content().readableBytes();
            data.release();
        }
        return received;
    }

    @Test
    void refusesAMessageWhenTheClientsOutboxIsFullAndKeepsTheOthers() {
        for (int i = 1; i <= 5; i++) {
            assertThat(running.server().send(PushMessage.to("device-1").text("m" + i)).get(0).isAccepted(), is(true));
        }
        Delivery refused = running.server().send(PushMessage.to("device-1").text("m6")).get(0);
        assertThat(refused.status(), is(Delivery.Status.REFUSED));
        assertThat(refused.reason(), containsString("outbox full: 5 messages"));
        assertThat(running.server().status().pendingMessages(), is(5L));
    }

    @Test
    void refusesAPayloadOverTheConfiguredLimit() {
        Delivery refused = running.server().send(PushMessage.to("device-1").bytes("application/octet-stream",
                new byte[1024 * 1024 + 1])).get(0);
        assertThat(refused.status(), is(Delivery.Status.REFUSED));
        assertThat(refused.reason(), containsString("maxPayloadBytes"));
    }

    @Test
    void stopSendsGoAwayClosesOpenSessionsAfterTheGracePeriodAndReleasesThePort() throws Exception {
        int port = running.server().port();
        try (RawSpdyConnection raw = new RawSpdyConnection(port)) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);

            running.server().stop();

            SpdyGoAwayFrame goAway = raw.next(SpdyGoAwayFrame.class);
            assertThat(goAway.status(), is(SpdySessionStatus.OK));
            assertThat(goAway.lastGoodStreamId(), is(1));
            assertThat("closed although the push stream never ends", raw.awaitClosed(WAIT), is(true));
        }
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    private PushClient connect(String clientId, PushListener listener, long lastSeq) throws Exception {
        PushClient.Builder builder = TestServers.client(running.server(), clientId)
                .autoAck(false).listener(listener);
        if (lastSeq > 0) {
            builder.lastSeq(lastSeq);
        }
        PushClient client = running.closeAfter(builder.build());
        PushSession session = client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.heartbeatSeconds(), is(60));
        return client;
    }

    /** Sends a text message and returns its seq. */
    private long send(String clientId, String text) {
        Delivery delivery = running.server().send(PushMessage.to(clientId).text(text)).get(0);
        assertThat(delivery.isAccepted(), is(true));
        return delivery.seq();
    }

    private static List<ReceivedMessage> take(BlockingQueue<ReceivedMessage> queue, int count)
            throws InterruptedException {
        List<ReceivedMessage> taken = new ArrayList<>();
        while (taken.size() < count) {
            ReceivedMessage message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("message " + (taken.size() + 1) + " of " + count + " arrives", message, notNullValue());
            taken.add(message);
        }
        return taken;
    }
}
