package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.Subresource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;
import static io.spdypush.rar.spdy.TestServers.pushStream;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** docs/PROTOCOL.md §3.2: business requests answered by the application, and sub-resources pushed with the answer. */
class BusinessRequestTest {

    private static final byte[] PAGE = "<html>page</html>".getBytes(StandardCharsets.UTF_8);

    private final ExecutorService application = Executors.newCachedThreadPool();
    private final BlockingQueue<BusinessRequest> requests = new LinkedBlockingQueue<>();
    private PushServer server;
    private RawSpdyConnection raw;

    @AfterEach
    void stop() {
        if (raw != null) {
            raw.close();
        }
        server.stop();
        application.shutdownNow();
    }

    @Test
    void theApplicationAnswersARequestWithItsBodyOnTheRequestsStream() throws Exception {
        start(TestServers.config());
        server.routes().register("/echo", request -> requests.add(request) ? answer(BusinessResponse.ok("text/plain",
                (request.method() + " " + request.path() + " " + request.text() + " from " + request.clientId())
                        .getBytes(StandardCharsets.UTF_8))) : null);
        raw.send(synStream(3, "POST", "/echo/1", false, "content-type", "text/plain", "x-trace", "t-1"));
        raw.send(new DefaultSpdyDataFrame(3, utf8("hel")));
        raw.send(new DefaultSpdyDataFrame(3, utf8("lo")).setLast(true));

        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.streamId(), is(3));
        assertThat(reply.headers().getAsString(":status"), is("200"));
        assertThat(reply.headers().getAsString("content-type"), is("text/plain"));
        assertThat(body(3), is("POST /echo/1 hello from device-1"));
        BusinessRequest request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request.header("x-trace"), is("t-1"));
        assertThat(request.sessionId(), notNullValue());
    }

    @Test
    void theLongestPrefixOnWholeSegmentsWins() throws Exception {
        start(TestServers.config());
        server.routes().register("/", request -> answer(BusinessResponse.ok("text/plain", "root")));
        server.routes().register("/orders", request -> answer(BusinessResponse.ok("text/plain", "orders")));
        assertThat(get(3, "/orders/7"), is("orders"));
        assertThat(get(5, "/ordersx"), is("root"));
    }

    @Test
    void anUnknownPathGets404WithAPlainTextReason() throws Exception {
        start(TestServers.config());
        raw.send(synStream(3, "GET", "/nothing/here", true));
        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.headers().getAsString(":status"), is("404"));
        assertThat(reply.headers().getAsString("content-type"), is("text/plain; charset=utf-8"));
        assertThat(body(3), is("no resource at /nothing/here"));
    }

    @Test
    void aBodyOverTheLimitGets413AndTheSessionGoesOn() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 16, 50));
        server.routes().register("/", request -> answer(BusinessResponse.ok("text/plain", "ok")));
        raw.send(synStream(3, "POST", "/upload", false));
        raw.send(new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(new byte[600])));
        raw.send(new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(new byte[600])).setLast(true));
        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.headers().getAsString(":status"), is("413"));
        assertThat(body(3), containsString("over the limit of 1000 bytes"));
        assertThat(get(5, "/after"), is("ok"));
        assertThat(server.status().badInput().get("request-too-large"), is(1L));
        // The last reply's buffers go back once written, which may be just after the client has read it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (streamPool().liveBytes() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("the gathered body went back to the pool", streamPool().liveBytes(), is(0L));
    }

    @Test
    void aBodyLeftHalfSentByASessionThatEndsIsReclaimedByTheStreamPool() throws Exception {
        start(TestServers.config());
        raw.send(synStream(3, "POST", "/upload", false));
        raw.send(new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(new byte[600])));
        raw.send(new DefaultSpdyPingFrame(5));
        raw.next(SpdyPingFrame.class);
        assertThat("the half body is held", streamPool().liveBytes() > 0, is(true));

        raw.close();
        raw = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (streamPool().reclaimed() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streamPool().reclaimed(), is(1L));
        assertThat(streamPool().liveBytes(), is(0L));
    }

    @Test
    void aBodyThatWouldTakeTheStreamPoolOverItsCapGets503NamingTheSettingAndTheSessionGoesOn() throws Exception {
        start(TestServers.poolCaps(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 16, 50),
                TestServers.POOL_CAP, TestServers.POOL_CAP, 1024, TestServers.POOL_CAP));
        server.routes().register("/", request -> answer(BusinessResponse.ok("text/plain", request.text())));
        ByteBuf heldByOtherStreams = server.pools().stream().buffer(1024);

        raw.send(synStream(3, "POST", "/upload", false));
        raw.send(new DefaultSpdyDataFrame(3, utf8("hello")).setLast(true));
        SpdySynReplyFrame refused = raw.next(SpdySynReplyFrame.class);
        assertThat(refused.headers().getAsString(":status"), is("503"));
        assertThat(refused.headers().getAsString("retry-after"), is("1"));
        assertThat(body(3), is("the stream memory pool holds 1024 bytes, at its cap of 1024 (streamPoolMaxBytes);"
                + " send it again later"));

        heldByOtherStreams.release();
        raw.send(synStream(5, "POST", "/upload", false));
        raw.send(new DefaultSpdyDataFrame(5, utf8("hello")).setLast(true));
        assertThat(raw.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("200"));
        assertThat(body(5), is("hello"));
        assertThat(streamPool().refused(), is(1L));
    }

    @Test
    void anAnswerWithABodyWhileTheStreamPoolIsAtItsCapBecomesA503() throws Exception {
        start(TestServers.poolCaps(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 16, 50),
                TestServers.POOL_CAP, TestServers.POOL_CAP, 1024, TestServers.POOL_CAP));
        server.routes().register("/", request -> answer(BusinessResponse.ok("text/html", PAGE)));
        ByteBuf heldByOtherStreams = server.pools().stream().buffer(1024);

        raw.send(synStream(3, "GET", "/page", true));
        SpdySynReplyFrame refused = raw.next(SpdySynReplyFrame.class);
        assertThat(refused.headers().getAsString(":status"), is("503"));
        assertThat(body(3), containsString("(streamPoolMaxBytes); ask again later"));

        heldByOtherStreams.release();
        assertThat(get(5, "/page"), is("<html>page</html>"));
    }

    @Test
    void aDeclaredContentLengthOverTheLimitGets413AtOnce() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 16, 50));
        raw.send(synStream(3, "POST", "/upload", false, "content-length", "5000"));
        assertThat(raw.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("413"));
    }

    @Test
    void aBodyThatKeepsComingIsNotCutOffByTheRequestTimeoutHoweverLongItTakesInAll() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(1), 16, 50));
        server.routes().register("/", request -> answer(BusinessResponse.ok("text/plain", request.text())));
        raw.send(synStream(3, "POST", "/upload", false));
        for (int chunk = 0; chunk < 6; chunk++) {
            raw.send(new DefaultSpdyDataFrame(3, utf8("x")));
            Thread.sleep(400);
        }
        raw.send(new DefaultSpdyDataFrame(3, utf8("y")).setLast(true));

        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.headers().getAsString(":status"), is("200"));
        assertThat(body(3), is("xxxxxxy"));
    }

    @Test
    void aFailingApplicationGets500AndASlowOne503WithRetryAfter() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(1), 16, 50));
        server.routes().register("/fail", request -> {
            throw new IllegalStateException("boom");
        });
        server.routes().register("/slow", request -> new CompletableFuture<>());
        raw.send(synStream(3, "GET", "/fail", true));
        assertThat(raw.next(SpdySynReplyFrame.class).headers().getAsString(":status"), is("500"));
        raw.send(synStream(5, "GET", "/slow", true));
        SpdySynReplyFrame slow = raw.next(SpdySynReplyFrame.class);
        assertThat(slow.headers().getAsString(":status"), is("503"));
        assertThat(slow.headers().getAsString("retry-after"), is("1"));
    }

    @Test
    void requestsBeyondMaxRequestsInFlightGet503() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 1, 50));
        CompletableFuture<BusinessResponse> held = new CompletableFuture<>();
        server.routes().register("/held", request -> held);
        raw.send(synStream(3, "GET", "/held", true));
        raw.send(synStream(5, "GET", "/held", true));
        SpdySynReplyFrame refused = raw.next(SpdySynReplyFrame.class);
        assertThat(refused.streamId(), is(5));
        assertThat(refused.headers().getAsString(":status"), is("503"));
        held.complete(BusinessResponse.ok("text/plain", "late"));
        assertThat(raw.next(SpdySynReplyFrame.class).streamId(), is(3));
    }

    @Test
    void subresourcesAreTaggedAndPushedOnEvenUnidirectionalStreamsBeforeTheRequestsFin() throws Exception {
        start(TestServers.config());
        server.routes().register("/page", request -> answer(BusinessResponse.ok("text/html", PAGE)
                .withSubresource(Subresource.pushed("/page.css", "text/css", "body{}"))
                .withSubresource(Subresource.pushed("/page.js", "text/javascript", "go()"))
                .withSubresource(Subresource.tagged("/big.png"))));
        raw.send(synStream(3, "GET", "/page", true));

        List<SpdyFrame> frames = framesUntilAllStreamsEnd(3);
        SpdySynReplyFrame reply = (SpdySynReplyFrame) frames.get(0);
        assertThat(reply.headers().getAsString("push-subresources"), is("/page.css, /page.js, /big.png"));
        assertThat(reply.isLast(), is(false));
        List<SpdySynStreamFrame> pushes = frames.stream().filter(SpdySynStreamFrame.class::isInstance)
                .map(SpdySynStreamFrame.class::cast).toList();
        assertThat(pushes.stream().map(push -> push.headers().getAsString(":path")).toList(),
                contains("/page.css", "/page.js"));
        assertThat(pushes.stream().map(SpdyStreamFrame::streamId).toList(), contains(2, 4));
        for (SpdySynStreamFrame push : pushes) {
            assertThat(push.isUnidirectional(), is(true));
            assertThat(push.associatedStreamId(), is(3));
            assertThat(push.headers().getAsString(":status"), is("200"));
            assertThat(push.headers().getAsString(":version"), is("HTTP/1.1"));
            assertThat(push.headers().getAsString(":scheme"), is("http"));
            assertThat(push.headers().getAsString(":host"), is("localhost"));
            assertThat(push.headers().getAsString("content-type"), notNullValue());
        }
        assertThat(pushes.get(0).headers().getAsString("content-length"), is("6"));
        int requestFin = indexOfFin(frames, 3);
        assertThat("every push SYN_STREAM before the request's FIN",
                frames.indexOf(pushes.get(1)) < requestFin, is(true));
        assertThat(dataOf(frames, 2), is("body{}"));
        assertThat(dataOf(frames, 4), is("go()"));
        assertThat(dataOf(frames, 3), is(new String(PAGE, StandardCharsets.UTF_8)));
        frames.forEach(ReferenceCountUtil::release);
    }

    @Test
    void whatTheClientListsInPushHaveIsTaggedButNotPushed() throws Exception {
        start(TestServers.config());
        server.routes().register("/page", request -> answer(BusinessResponse.ok("text/html", PAGE)
                .withSubresource(Subresource.pushed("/page.css", "text/css", "body{}"))
                .withSubresource(Subresource.pushed("/page.js", "text/javascript", "go()"))));
        raw.send(synStream(3, "GET", "/page", true, "push-have", "/page.css"));

        List<SpdyFrame> frames = framesUntilAllStreamsEnd(3);
        assertThat(((SpdySynReplyFrame) frames.get(0)).headers().getAsString("push-subresources"),
                is("/page.css, /page.js"));
        assertThat(frames.stream().filter(SpdySynStreamFrame.class::isInstance)
                .map(frame -> ((SpdySynStreamFrame) frame).headers().getAsString(":path")).toList(),
                contains("/page.js"));
        frames.forEach(ReferenceCountUtil::release);
    }

    @Test
    void aClientThatCancelsAPushedStreamKeepsAHealthySession() throws Exception {
        start(TestServers.config());
        byte[] large = new byte[200 * 1024];
        server.routes().register("/page", request -> answer(BusinessResponse.ok("text/html", PAGE)
                .withSubresource(Subresource.pushed("/large.bin", "application/octet-stream", large))));
        raw.send(synStream(3, "GET", "/page", true));
        SpdySynStreamFrame push = raw.next(SpdySynStreamFrame.class);
        raw.send(new DefaultSpdyRstStreamFrame(push.streamId(), SpdyStreamStatus.CANCEL));
        raw.send(new DefaultSpdyWindowUpdateFrame(0, 1024 * 1024));

        raw.send(new DefaultSpdyPingFrame(9));
        assertThat(raw.next(SpdyPingFrame.class).id(), is(9));
        server.routes().register("/after", request -> answer(BusinessResponse.ok("text/plain", "still here")));
        assertThat(get(5, "/after"), is("still here"));
    }

    @Test
    void aRequestResetByTheClientIsNotAnsweredAndFreesItsSlot() throws Exception {
        start(TestServers.limits(100, 100, 1000, Duration.ofSeconds(5), 16, 50));
        CompletableFuture<BusinessResponse> held = new CompletableFuture<>();
        server.routes().register("/held", request -> held);
        server.routes().register("/next", request -> answer(BusinessResponse.ok("text/plain", "next")));
        raw.send(synStream(3, "GET", "/held", true));
        raw.send(new DefaultSpdyRstStreamFrame(3, SpdyStreamStatus.CANCEL));
        raw.send(new DefaultSpdyPingFrame(7));
        assertThat("the server has read the reset", raw.next(SpdyPingFrame.class).id(), is(7));
        held.complete(BusinessResponse.ok("text/plain", "too late"));
        assertThat(get(5, "/next"), is("next"));
    }

    @Test
    void aRequestUnderWayAtShutdownIsAnsweredWithinTheGracePeriod() throws Exception {
        start(TestServers.config());
        CompletableFuture<BusinessResponse> held = new CompletableFuture<>();
        server.routes().register("/held", request -> held);
        raw.send(synStream(3, "GET", "/held", true));
        raw.send(new DefaultSpdyPingFrame(5));
        raw.next(SpdyPingFrame.class);

        Thread stopping = new Thread(server::stop);
        stopping.start();
        assertThat(raw.next(SpdyGoAwayFrame.class).status(), is(SpdySessionStatus.OK));
        held.complete(BusinessResponse.ok("text/plain", "answered during shutdown"));
        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.streamId(), is(3));
        assertThat(body(3), is("answered during shutdown"));
        stopping.join();
    }

    private void start(ServerConfig config) throws Exception {
        server = TestServers.start(config);
        raw = new RawSpdyConnection(server.port());
        raw.send(pushStream(1, "device-1"));
        raw.next(SpdySynReplyFrame.class);
    }

    private CompletableFuture<BusinessResponse> answer(BusinessResponse response) {
        return CompletableFuture.supplyAsync(() -> response, application);
    }

    /** GETs {@code path} on a new stream and returns the body of the 200 reply. */
    private String get(int streamId, String path) throws InterruptedException {
        raw.send(synStream(streamId, "GET", path, true));
        SpdySynReplyFrame reply = raw.next(SpdySynReplyFrame.class);
        assertThat(reply.streamId(), is(streamId));
        assertThat(reply.headers().getAsString(":status"), is("200"));
        return body(streamId);
    }

    private String body(int streamId) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        while (true) {
            SpdyDataFrame data = raw.next(SpdyDataFrame.class);
            assertThat(data.streamId(), is(streamId));
            body.append(data.content().toString(StandardCharsets.UTF_8));
            boolean last = data.isLast();
            data.release();
            if (last) {
                return body.toString();
            }
        }
    }

    /** Every frame from the reply on, until the request's stream and every pushed stream has ended. */
    private List<SpdyFrame> framesUntilAllStreamsEnd(int requestStreamId) throws InterruptedException {
        List<SpdyFrame> frames = new ArrayList<>();
        Set<Integer> open = new HashSet<>(List.of(requestStreamId));
        while (!open.isEmpty()) {
            SpdyFrame frame = raw.next(SpdyFrame.class);
            frames.add(frame);
            if (frame instanceof SpdySynStreamFrame push) {
                open.add(push.streamId());
            } else if (frame instanceof SpdySynReplyFrame reply && reply.isLast()) {
                open.remove(reply.streamId());
            } else if (frame instanceof SpdyDataFrame data && data.isLast()) {
                open.remove(data.streamId());
            }
        }
        return frames;
    }

    private static int indexOfFin(List<SpdyFrame> frames, int streamId) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i) instanceof SpdyDataFrame data && data.streamId() == streamId && data.isLast()) {
                return i;
            }
        }
        throw new AssertionError("no FIN on stream " + streamId);
    }

    private static String dataOf(List<SpdyFrame> frames, int streamId) {
        StringBuilder body = new StringBuilder();
        for (SpdyFrame frame : frames) {
            if (frame instanceof SpdyDataFrame data && data.streamId() == streamId) {
                body.append(data.content().toString(StandardCharsets.UTF_8));
            }
        }
        return body.toString();
    }

    private MemoryPoolStats streamPool() {
        return server.status().memoryPools().stream().filter(pool -> pool.name().equals("stream")).findFirst()
                .orElseThrow();
    }

    private static ByteBuf utf8(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
