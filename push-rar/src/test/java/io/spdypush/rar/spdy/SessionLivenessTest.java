package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.spdypush.api.PushMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** docs/PROTOCOL.md §5 heartbeats and §4's connection that never opens a push stream, with 1 s timers. */
class SessionLivenessTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private PushServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(TestServers.config(SECOND, SECOND, SECOND));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void dropsAConnectionThatOpensNoPushStreamAndCountsIt() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            assertThat(raw.awaitClosed(WAIT), is(true));
        }
        assertThat(server.status().badInput().get("no-push-stream"), is(1L));
    }

    @Test
    void pingsASilentClientAfterT2WithAnEvenIdAndClosesTheSessionAfterT3WithoutAnswer() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            long pingedAfter = System.nanoTime();
            SpdyPingFrame ping = raw.next(SpdyPingFrame.class);
            assertThat(ping.id() % 2, is(0));
            assertThat("not before T2", System.nanoTime() - pingedAfter >= SECOND.toNanos() * 9 / 10, is(true));
            assertThat(raw.awaitClosed(WAIT), is(true));
        }
    }

    @Test
    void keepsASessionThatAnswersTheServersPings() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            for (int round = 0; round < 3; round++) {
                SpdyPingFrame ping = raw.next(SpdyPingFrame.class);
                raw.send(new DefaultSpdyPingFrame(ping.id()));
            }
            assertThat(raw.awaitClosed(Duration.ofMillis(300)), is(false));
        }
    }

    @Test
    void aClientThatPingsItselfIsNotPingedAndStaysConnected() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            for (int id = 1; id <= 7; id += 2) {
                raw.send(new DefaultSpdyPingFrame(id));
                assertThat("answered with the same id", raw.next(SpdyPingFrame.class).id(), is(id));
                Thread.sleep(SECOND.toMillis() / 2);
            }
            assertThat(raw.awaitClosed(Duration.ofMillis(100)), is(false));
        }
    }

    @Test
    void aDeadSessionsMessagesAreKeptForTheClient() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            server.send(PushMessage.to("device-1").text("kept"));
            assertThat(raw.awaitClosed(WAIT), is(true));
        }
        assertThat(server.status().pendingMessages(), is(1L));
        assertThat(server.status().sessionsOnline(), is(0));
    }
}
