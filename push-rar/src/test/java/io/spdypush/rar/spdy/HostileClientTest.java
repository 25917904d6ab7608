package io.spdypush.rar.spdy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyHeadersFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySettingsFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdySettingsFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.MemoryPoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Clients that attack the server (issue 17): each attack is stopped by its bound, is counted, and a
 * bystander session on the same event loop still gets its PINGs answered.
 */
class HostileClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * The server fills the socket's send buffer, a few MiB, one RST_STREAM at a time before it stops
     * reading: about a second on a quiet machine, many more on a busy one.
     */
    private static final Duration FLOOD_WAIT = Duration.ofSeconds(90);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private PushServer server;
    private RawSpdyConnection bystander;
    private final List<RawSpdyConnection> attackers = new ArrayList<>();

    private void start(ServerConfig config) throws Exception {
        server = TestServers.start(config);
        bystander = new RawSpdyConnection(server.port());
        bystander.send(pushStream(1, "bystander"));
        bystander.next(SpdySynReplyFrame.class);
    }

    /** An attacker whose push stream is open, as {@code clientId}. */
    private RawSpdyConnection session(String clientId) throws InterruptedException {
        RawSpdyConnection attacker = attacker();
        attacker.send(pushStream(1, clientId));
        attacker.next(SpdySynReplyFrame.class);
        return attacker;
    }

    private RawSpdyConnection attacker() throws InterruptedException {
        RawSpdyConnection attacker = new RawSpdyConnection(server.port());
        attackers.add(attacker);
        return attacker;
    }

    @AfterEach
    void bystanderIsUnharmed() throws Exception {
        try {
            bystander.send(new DefaultSpdyPingFrame(101));
            assertThat("the other session still answers", bystander.next(SpdyPingFrame.class).id(), is(101));
            assertThat(server.session("bystander").isPresent(), is(true));
        } finally {
            attackers.forEach(RawSpdyConnection::close);
            bystander.close();
            server.stop();
        }
    }

    @Test
    void aPeerThatSendsDataOnUnopenedStreamsAndNeverReadsIsNoLongerReadAndThenClosed() throws Exception {
        start(TestServers.hostile(Integer.MAX_VALUE / 4, MAX_REQUEST_BYTES, Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
        // Each empty DATA frame on a stream never opened is answered with a RST_STREAM twice its size.
        ByteBuffer flood = ByteBuffer.allocate(64 * 1024);
        for (int streamId = 1001; flood.hasRemaining(); streamId += 2) {
            flood.putInt(streamId).putInt(0);
        }
        long sent = 0;
        try (SocketChannel peer = SocketChannel.open()) {
            peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            peer.connect(new InetSocketAddress("127.0.0.1", server.port()));
            // An empty SETTINGS frame first, whose control bit makes the connection SPDY (§10).
            peer.write(ByteBuffer.wrap(new byte[]{(byte) 0x80, 3, 0, 4, 0, 0, 0, 4, 0, 0, 0, 0}));
            peer.configureBlocking(false);
            long deadline = System.nanoTime() + FLOOD_WAIT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    flood.rewind();
                    int written = peer.write(flood);
                    sent += written;
                    if (written == 0) {
                        Thread.sleep(5);
                    }
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }
            assertThat("closed within the write timeout", System.nanoTime() < deadline, is(true));
        }
        assertThat("the server stopped reading: only the sockets' buffers took the flood",
                sent, lessThan(64L * 1024 * 1024));
        assertThat(server.status().badInput().get("write-stalled"), is(1L));
    }

    @Test
    void framesOfAnyKindBeyondTwiceTheRateAreAFloodThatEndsTheSession() throws Exception {
        start(TestServers.hostile(50, MAX_REQUEST_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        RawSpdyConnection attacker = session("flooder");
        for (int frame = 0; frame < 2 * 50 + 1; frame++) {
            try {
                attacker.send(new DefaultSpdyWindowUpdateFrame(0, 1));
            } catch (Exception closed) {
                break; // the push stream's frames count too: the server may close before the last is written
            }
        }
        assertThat(attacker.next(SpdyGoAwayFrame.class).status(), is(SpdySessionStatus.PROTOCOL_ERROR));
        assertThat(attacker.awaitClosed(WAIT), is(true));
        assertThat(server.status().badInput().get("frame-flood"), is(1L));
    }

    @Test
    void halfSentBodiesOfOneSessionHoldAboutTwiceMaxRequestBytesAtMost() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        RawSpdyConnection attacker = session("hoarder");
        for (int streamId = 3; streamId < 3 + 2 * 30; streamId += 2) {
            attacker.send(synStream(streamId, "POST", "/upload", false,
                    "content-length", Integer.toString(MAX_REQUEST_BYTES)));
            attacker.send(new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(new byte[4096])));
        }
        attacker.send(new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(new byte[60 * 1024])));

        SpdySynReplyFrame refused = attacker.next(SpdySynReplyFrame.class);
        assertThat(refused.streamId(), is(3));
        assertThat(refused.headers().getAsString(":status"), is("503"));
        assertThat(refused.headers().getAsString("retry-after"), is("1"));
        assertThat(server.status().badInput().get("request-bodies-over-limit"), is(1L));
        assertThat("bodies grow with what arrives, not with what the client declares",
                streamPool().liveBytes(), lessThanOrEqualTo(3L * MAX_REQUEST_BYTES));
    }

    @Test
    void aRequestWhoseBodyStopsComingGets408AfterTheRequestTimeout() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        RawSpdyConnection attacker = session("staller");
        attacker.send(synStream(3, "POST", "/upload", false));
        attacker.send(new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(new byte[100])));

        SpdySynReplyFrame reply = attacker.next(SpdySynReplyFrame.class);
        assertThat(reply.streamId(), is(3));
        assertThat(reply.headers().getAsString(":status"), is("408"));
        assertThat(server.status().badInput().get("request-timeout"), is(1L));
        awaitZero(() -> streamPool().liveBytes());
    }

    @Test
    void aHeadersFrameIsRefusedAndOnThePushStreamEndsTheSession() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        RawSpdyConnection attacker = session("trailer");
        attacker.send(synStream(3, "POST", "/upload", false));
        attacker.send(headers(3));
        SpdyRstStreamFrame reset = attacker.next(SpdyRstStreamFrame.class);
        assertThat(reset.streamId(), is(3));
        assertThat(reset.status(), is(SpdyStreamStatus.PROTOCOL_ERROR));

        attacker.send(headers(1));
        assertThat(attacker.next(SpdyRstStreamFrame.class).streamId(), is(1));
        assertThat(attacker.awaitClosed(WAIT), is(true));
        // The push stream's FIN came with its SYN_STREAM: Netty resets it itself, and the session ends.
        assertThat(server.status().badInput().get("headers-refused"), is(1L));
        awaitZero(() -> server.session("trailer").isPresent() ? 1 : 0);
    }

    @Test
    void whenNettyResetsThePushStreamOnItsOwnTheSessionEnds() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        RawSpdyConnection attacker = session("zombie");
        // The push stream's SYN_STREAM carried FIN: DATA after it is a stream error for Netty.
        attacker.send(new DefaultSpdyDataFrame(1, Unpooled.wrappedBuffer(new byte[10])));

        assertThat(attacker.next(SpdyRstStreamFrame.class).streamId(), is(1));
        assertThat(attacker.awaitClosed(WAIT), is(true));
        awaitZero(() -> server.session("zombie").isPresent() ? 1 : 0);
    }

    @Test
    void aSessionTakenOverIsClosedWithinASecondNotTheShutdownGrace() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        RawSpdyConnection first = session("device-1");
        RawSpdyConnection second = session("device-1");

        assertThat(first.awaitClosed(Duration.ofMillis(2500)), is(true));
        assertThat(server.session("device-1").isPresent(), is(true));
    }

    @Test
    void moreThanTenTakeoversAMinuteAreRefusedWith503AndRetryAfter() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        for (int session = 0; session <= Takeovers.MAX; session++) {
            RawSpdyConnection churner = attacker();
            churner.send(pushStream(1, "churner"));
            assertThat(churner.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
        }
        RawSpdyConnection refused = attacker();
        refused.send(pushStream(1, "churner"));
        SpdySynReplyFrame reply = refused.next(SpdySynReplyFrame.class);

        assertThat(reply.headers().getAsString(":status"), is("503"));
        assertThat(Integer.parseInt(reply.headers().getAsString("retry-after")), lessThanOrEqualTo(60));
        assertThat(server.status().badInput().get("takeover-throttled"), is(1L));
    }

    @Test
    void aReplyTheClientOpensNoWindowForIsCancelledAfterTheWriteTimeout() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        server.routes().register("/big", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("application/octet-stream", new byte[200_000])));
        RawSpdyConnection attacker = attacker();
        attacker.send(new DefaultSpdySettingsFrame().setValue(SpdySettingsFrame.SETTINGS_INITIAL_WINDOW_SIZE, 0));
        attacker.send(pushStream(1, "closed-window"));
        attacker.next(SpdySynReplyFrame.class);
        attacker.send(synStream(3, "GET", "/big", true));

        assertThat(attacker.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
        SpdyRstStreamFrame cancel = attacker.next(SpdyRstStreamFrame.class);
        assertThat(cancel.streamId(), is(3));
        assertThat(cancel.status(), is(SpdyStreamStatus.CANCEL));
        awaitZero(() -> streamPool().liveBytes());
    }

    @Test
    void connectionsBeyondMaxConnectionsPerAddressAreClosedAsTheyAreAccepted() throws Exception {
        start(TestServers.hostile(500, MAX_REQUEST_BYTES, Duration.ofSeconds(30), Duration.ofSeconds(30), 3));
        RawSpdyConnection second = attacker();
        RawSpdyConnection third = attacker();
        RawSpdyConnection fourth = attacker();

        assertThat("the bystander and two more fit", fourth.awaitClosed(WAIT), is(true));
        assertThat(server.status().badInput().get("connection-refused"), is(1L));
        attackers.remove(second);
        second.close();
        // Its room is free once the server has seen it close: the bystander and the third are left.
        awaitZero(() -> server.status().connections() - 2);
        RawSpdyConnection again = attacker();
        again.send(pushStream(1, "device-again"));
        assertThat(again.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
        assertThat(third.awaitClosed(Duration.ofMillis(100)), is(false));
    }

    private static DefaultSpdyHeadersFrame headers(int streamId) {
        DefaultSpdyHeadersFrame headers = new DefaultSpdyHeadersFrame(streamId);
        headers.headers().set("x-trailer", "1");
        return headers;
    }

    private MemoryPoolStats streamPool() {
        return server.status().memoryPools().stream().filter(pool -> pool.name().equals("stream")).findFirst()
                .orElseThrow();
    }

    private static void awaitZero(LongSupplier figure) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (figure.getAsLong() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(figure.getAsLong(), is(0L));
    }
}
