package io.spdypush.rar.spdy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.SessionInfo;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the adapter tells other threads about a session while it runs: when its last heartbeat was
 * seen (docs/PROTOCOL.md §5) and how many streams are open on its connection (§4).
 */
class SessionActivityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CompletableFuture<BusinessResponse> heldAnswer = new CompletableFuture<>();
    private PushServer server;

    @AfterEach
    void stop() {
        heldAnswer.complete(BusinessResponse.plainText(200, "released"));
        server.stop();
    }

    @Test
    void aRealClientsPingAndRequestShowInItsSession() throws Exception {
        server = TestServers.start(TestServers.config());
        server.routes().register("/slow", request -> heldAnswer);
        try (PushClient client = TestServers.client(server, "device-1").heartbeat(Duration.ofSeconds(1))
                .listener(message -> { }).build()) {
            PushSession session = client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            SessionInfo connected = server.session("device-1").orElseThrow();
            assertThat("no heartbeat yet", connected.lastHeartbeat(), is(nullValue()));
            assertThat("the push stream", connected.openStreams(), is(1));

            Instant beforePing = Instant.now();
            SessionInfo pinged = await("device-1", info -> info.lastHeartbeat() != null);
            assertThat(pinged.lastHeartbeat(), allOf(greaterThanOrEqualTo(beforePing.minusMillis(50)),
                    lessThanOrEqualTo(Instant.now().plusMillis(50))));

            CompletableFuture<Response> answer = session.request("/slow");
            await("device-1", info -> info.openStreams() == 2);
            heldAnswer.complete(BusinessResponse.plainText(200, "done"));
            assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).status(), is(200));
            assertThat("the request's stream closed", await("device-1", info -> info.openStreams() == 1).openStreams(),
                    is(1));
        }
    }

    @Test
    void streamsCountUntilClosedInBothDirectionsOrReset() throws Exception {
        server = TestServers.start(TestServers.config());
        server.routes().register("/slow", request -> heldAnswer);
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            assertThat(await("device-1", info -> true).openStreams(), is(1));

            raw.send(synStream(3, "POST", "/upload", false));
            await("device-1", info -> info.openStreams() == 2);
            raw.send(new DefaultSpdyRstStreamFrame(3, SpdyStreamStatus.CANCEL));
            await("device-1", info -> info.openStreams() == 1);

            raw.send(synStream(5, "POST", "/slow", false));
            raw.send(new DefaultSpdyDataFrame(5, Unpooled.copiedBuffer(new byte[]{1})).setLast(true));
            assertThat("the client's side is closed, the server's is not yet",
                    await("device-1", info -> info.openStreams() == 2).openStreams(), is(2));
            heldAnswer.complete(BusinessResponse.plainText(200, "done"));
            SpdyDataFrame body = raw.next(SpdyDataFrame.class);
            assertThat(body.isLast(), is(true));
            ReferenceCountUtil.release(body);
            await("device-1", info -> info.openStreams() == 1);
        }
    }

    @Test
    void theAnswerToTheServersPingIsAHeartbeat() throws Exception {
        server = TestServers.start(TestServers.config(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
        try (RawSpdyConnection raw = new RawSpdyConnection(server.port())) {
            raw.send(pushStream(1, "device-1"));
            raw.next(SpdySynReplyFrame.class);
            SpdyPingFrame ping = raw.next(SpdyPingFrame.class);
            assertThat("a PING of the server alone is no heartbeat",
                    server.session("device-1").orElseThrow().lastHeartbeat(), is(nullValue()));
            raw.send(new DefaultSpdyPingFrame(ping.id()));
            assertThat(await("device-1", info -> info.lastHeartbeat() != null).lastHeartbeat(), is(notNullValue()));
        }
    }

    /** The client's session once it satisfies {@code condition}, read as the pages read it: off the event loop. */
    private SessionInfo await(String clientId, Predicate<SessionInfo> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        SessionInfo last = null;
        while (System.nanoTime() < deadline) {
            last = server.session(clientId).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the session of " + clientId + " did not get there within " + WAIT + ": " + last);
    }
}
