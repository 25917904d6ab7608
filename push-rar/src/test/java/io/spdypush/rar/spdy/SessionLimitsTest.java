package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.spdypush.api.BusinessResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** docs/PROTOCOL.md §2 and §4: the limits on streams per session and sessions per server. */
class SessionLimitsTest {

    private PushServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aStreamBeyondMaxConcurrentStreamsGetsRstRefusedStreamAndThePushStreamCounts() throws Exception {
        server = TestServers.start(TestServers.limits(3, 100, 1000, Duration.ofSeconds(5), 16, 50));
        CompletableFuture<BusinessResponse> held = new CompletableFuture<>();
        server.routes().register("/held", request -> held);
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            raw.send(synStream(3, "GET", "/held", true));
            raw.send(synStream(5, "GET", "/held", true));
            raw.send(synStream(7, "GET", "/held", true));

            SpdyRstStreamFrame refused = raw.next(SpdyRstStreamFrame.class);
            assertThat(refused.streamId(), is(7));
            assertThat(refused.status(), is(SpdyStreamStatus.REFUSED_STREAM));
            held.complete(BusinessResponse.ok("text/plain", "done"));
            assertThat(raw.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
            raw.send(new DefaultSpdyPingFrame(11));
            assertThat("the session lives on", raw.next(SpdyPingFrame.class).id(), is(11));
        }
        assertThat(server.status().badInput().get("stream-refused"), is(1L));
    }

    @Test
    void aPushStreamBeyondMaxSessionsGets503WithRetryAfter() throws Exception {
        server = TestServers.start(TestServers.limits(100, 1, 1000, Duration.ofSeconds(5), 16, 50));
        try (RawSpdyConnection first = new RawSpdyConnection(server.port());
             RawSpdyConnection second = new RawSpdyConnection(server.port())) {
            first.send(pushStream(1, "device-1"));
            assertThat(first.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));

            second.send(pushStream(1, "device-2"));
            SpdySynReplyFrame refused = second.next(SpdySynReplyFrame.class);
            assertThat(refused.headers().getAsString(":status"), is("503"));
            assertThat(refused.headers().getAsString("retry-after"), is("30"));
            assertThat(refused.isLast(), is(true));
        }
        assertThat(server.status().badInput().get("server-full"), is(1L));
    }

    @Test
    void aTakeoverIsNotRefusedWhenTheServerIsFullForItAddsNoSession() throws Exception {
        server = TestServers.start(TestServers.limits(100, 1, 1000, Duration.ofSeconds(5), 16, 50));
        try (RawSpdyConnection first = new RawSpdyConnection(server.port());
             RawSpdyConnection again = new RawSpdyConnection(server.port());
             RawSpdyConnection other = new RawSpdyConnection(server.port())) {
            first.send(pushStream(1, "device-1"));
            assertThat(first.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));

            again.send(pushStream(1, "device-1"));
            assertThat("the same client, reconnecting", again.next(SpdySynReplyFrame.class).headers()
                    .getAsString(":status"), is("200"));
            assertThat("the replaced session is closed", first.awaitClosed(Duration.ofSeconds(5)), is(true));

            other.send(pushStream(1, "device-2"));
            assertThat(other.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("503"));
        }
        assertThat(server.status().badInput().get("server-full"), is(1L));
    }
}
