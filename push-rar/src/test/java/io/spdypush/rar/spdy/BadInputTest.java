package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** docs/PROTOCOL.md §4: each kind of bad input gets the page's answer, is counted, and harms no other session. */
class BadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private PushServer server;
    private RawSpdyConnection bystander;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.config(Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(1)));
        bystander = new RawSpdyConnection(server.port());
        bystander.send(pushStream(1, "bystander"));
        bystander.next(SpdySynReplyFrame.class);
    }

    @AfterEach
    void bystanderIsUnharmed() throws Exception {
        try {
            bystander.send(new DefaultSpdyPingFrame(101));
            assertThat("the other session still answers", bystander.next(SpdyPingFrame.class).id(), is(101));
        } finally {
            bystander.close();
            server.stop();
        }
    }

    @Test
    void anEvenClientStreamIdGetsGoAwayProtocolError() throws Exception {
        assertSessionError(raw -> raw.send(synStream(2, "POST", "/ack", true, "push-ack", "0")));
    }

    @Test
    void aStreamIdNotAboveTheLastOneGetsGoAwayProtocolError() throws Exception {
        assertSessionError(raw -> {
            raw.send(pushStream(5, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            raw.send(synStream(3, "POST", "/ack", true, "push-ack", "0"));
        });
    }

    @Test
    void aFrameThatCannotBeParsedGetsGoAwayProtocolError() throws Exception {
        // A SYN_STREAM whose length, 4, is shorter than its fixed fields.
        assertSessionError(raw -> raw.sendBytes(new byte[]{(byte) 0x80, 0x03, 0x00, 0x01, 0, 0, 0, 4, 0, 0, 0, 1}));
    }

    @Test
    void anHttp1ClientOnTheSpdyPortIsDroppedWhenNoPushStreamComes() throws Exception {
        // "GET " reads as the header of a 2 MiB DATA frame, so the codec waits for its bytes.
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.sendBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
            assertThat(raw.awaitClosed(WAIT), is(true));
        }
        assertThat(server.status().badInput().get("no-push-stream"), is(1L));
    }

    @Test
    void aControlFrameOfAnotherVersionGetsGoAwayProtocolError() throws Exception {
        // A SPDY/2 PING: control bit, version 2, type 6, no flags, length 4, id 1.
        assertSessionError(raw -> raw.sendBytes(new byte[]{(byte) 0x80, 0x02, 0x00, 0x06, 0, 0, 0, 4, 0, 0, 0, 1}));
    }

    @Test
    void aHeaderBlockOverTheLimitGetsRstFrameTooLargeAndTheSessionLivesOn() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(synStream(1, "GET", "/push", true, "push-client", "device-1", "x-filler", "x".repeat(20_000)));
            SpdyRstStreamFrame reset = raw.next(SpdyRstStreamFrame.class);
            assertThat(reset.streamId(), is(1));
            assertThat(reset.status(), is(SpdyStreamStatus.FRAME_TOO_LARGE));

            raw.send(pushStream(3, "device-1"));
            assertThat(raw.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
        }
        assertThat(server.status().badInput().get("header-block-too-large"), is(1L));
    }

    @Test
    void aPingFloodGetsGoAwayProtocolErrorAndIsCounted() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "flooder"));
            raw.next(SpdySynReplyFrame.class);
            for (int id = 1; id <= 2 * 50 + 1; id += 2) {
                raw.send(new DefaultSpdyPingFrame(id));
            }
            assertThat(raw.next(SpdyGoAwayFrame.class).status(), is(SpdySessionStatus.PROTOCOL_ERROR));
            assertThat(raw.awaitClosed(WAIT), is(true));
        }
        assertThat(server.status().badInput().get("ping-flood"), is(1L));
    }

    @Test
    void aStreamFloodGetsRstRefusedStreamBeyondTheRateAndTheSessionLivesOn() throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "flooder"));
            raw.next(SpdySynReplyFrame.class);
            int refused = 0;
            for (int id = 3; id < 3 + 2 * 60; id += 2) {
                raw.send(synStream(id, "POST", "/ack", true, "push-ack", "0"));
            }
            for (int answered = 0; answered < 60; answered++) {
                SpdyStreamFrame answer = raw.next(SpdyStreamFrame.class);
                if (answer instanceof SpdyRstStreamFrame reset) {
                    assertThat(reset.status(), is(SpdyStreamStatus.REFUSED_STREAM));
                    refused++;
                }
            }
            assertThat("some were refused", refused > 0, is(true));
            assertThat(server.status().badInput().get("stream-refused"), is((long) refused));
            raw.send(new DefaultSpdyPingFrame(1001));
            assertThat(raw.next(SpdyPingFrame.class).id(), is(1001));
        }
    }

    private void assertSessionError(RawAction badInput) throws Exception {
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            badInput.on(raw);
            SpdyGoAwayFrame goAway = raw.next(SpdyGoAwayFrame.class);
            assertThat(goAway.status(), is(SpdySessionStatus.PROTOCOL_ERROR));
            assertThat("the connection is closed", raw.awaitClosed(WAIT), is(true));
        }
        assertThat(server.status().badInput().get("protocol-error"), is(1L));
    }

    @FunctionalInterface
    private interface RawAction {
        void on(RawSpdyConnection raw) throws Exception;
    }
}
