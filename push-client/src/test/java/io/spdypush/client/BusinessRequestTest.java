package io.spdypush.client;

import io.spdypush.testing.Packets;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.spdypush.client.TestSpdyServer.Answer;
import io.spdypush.client.TestSpdyServer.BusinessRequest;
import io.spdypush.client.TestSpdyServer.Pushed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Business requests with pushed sub-resources (docs/PROTOCOL.md §3.2) against a real SPDY/3.1 peer over loopback. */
class BusinessRequestTest {

    private static final int WAIT_SECONDS = 10;
    private static final Answer PAGE = Answer.reply(200, "text/html", "<html>page</html>")
            .tags("/style.css", "/app.js", "/logo.png")
            .push(Pushed.of("/style.css", "text/css", "body{}"),
                    Pushed.of("/app.js", "application/javascript", "go()"),
                    Pushed.of("/logo.png", "image/png", "PNG"));

    @RegisterExtension
    final SpdyServerPerTest spdy = new SpdyServerPerTest();
    private PushClient client;

    @Test
    void responseArrivesWithEverySubresourceThePushedWhole() throws Exception {
        spdy.server().answer = PAGE;

        Response response = connect(builder()).request("/index.html").get(WAIT_SECONDS, SECONDS);

        assertThat(response.status(), is(200));
        assertThat(response.contentType(), is("text/html"));
        assertThat(response.text(), is("<html>page</html>"));
        assertThat(response.headers(), hasEntry("content-length", "17"));
        assertThat(response.subresources().stream().map(PushedResource::path).toList(),
                contains("/style.css", "/app.js", "/logo.png"));
        PushedResource style = response.subresources().get(0);
        assertThat(style.status(), is(200));
        assertThat(style.contentType(), is("text/css"));
        assertThat(style.headers(), hasEntry("content-length", "6"));
        assertThat(style.text(), is("body{}"));
        assertThat(response.subresources().get(2).body(), is("PNG".getBytes()));
    }

    @Test
    void opensANewStreamWithTheHeadersOfTheProtocolAndFinOnTheSynStream() throws Exception {
        spdy.server().answer = Answer.reply(200, "text/plain", "ok");
        PushSession session = connect(builder());

        session.request(Request.to("/orders/7").header("X-Trace", "abc")).get(WAIT_SECONDS, SECONDS);

        BusinessRequest request = spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(request.streamId(), is(3));
        assertThat(request.headers(), is(Map.of(
                ":method", "GET",
                ":path", "/orders/7",
                ":version", "HTTP/1.1",
                ":host", "127.0.0.1:" + spdy.server().port(),
                ":scheme", "http",
                "x-trace", "abc")));
        assertThat(request.body().length, is(0));
    }

    @Test
    void sendsABodyInDataFramesWithItsContentType() throws Exception {
        spdy.server().answer = Answer.reply(201, "text/plain", "created");
        PushSession session = connect(builder());

        Response response = session.request(Request.to("/orders").method("POST")
                .body("application/json", "{\"n\":1}".getBytes())).get(WAIT_SECONDS, SECONDS);

        assertThat(response.status(), is(201));
        BusinessRequest request = spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(request.headers(), hasEntry(":method", "POST"));
        assertThat(request.headers(), hasEntry("content-type", "application/json"));
        assertThat(request.headers(), hasEntry("content-length", "7"));
        assertThat(new String(request.body()), is("{\"n\":1}"));
    }

    @Test
    void requestBodyLargerThanTheFlowControlWindowArrivesWhole() throws Exception {
        spdy.server().answer = Answer.reply(200, "text/plain", "stored");
        PushSession session = connect(builder());
        byte[] body = Packets.pattern(300_000);

        Response response = session.request(Request.to("/upload").method("PUT")
                .body("application/octet-stream", body)).get(WAIT_SECONDS, SECONDS);

        assertThat(response.text(), is("stored"));
        assertThat(spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS).body(), is(body));
        assertThat("no stream was reset, for flow control or else", spdy.server().resets, is(empty()));
    }

    @Test
    void stopsSendingTheBodyWhenTheServerAnswersBeforeReadingIt() throws Exception {
        spdy.server().answer = Answer.reply(413, "text/plain", "body over 1024 bytes");
        spdy.server().answerBeforeBody = true;
        spdy.server().withholdWindowUpdates = true;
        PushSession session = connect(builder());

        Response response = session.request(Request.to("/upload").method("PUT")
                .body("application/octet-stream", Packets.pattern(200_000))).get(WAIT_SECONDS, SECONDS);

        assertThat(response.status(), is(413));
        assertThat(response.text(), is("body over 1024 bytes"));
        SpdyRstStreamFrame reset = spdy.server().resets.poll(WAIT_SECONDS, SECONDS);
        assertThat(reset.streamId(), is(3));
        assertThat(reset.status(), is(SpdyStreamStatus.CANCEL));
        assertThat("the session carries on", session.request("/next").get(WAIT_SECONDS, SECONDS).status(), is(413));
    }

    @Test
    void refusalIsAResponseWithItsStatusAndReason() throws Exception {
        spdy.server().answer = Answer.reply(404, "text/plain; charset=utf-8", "no such path: /nope");

        Response response = connect(builder()).request("/nope").get(WAIT_SECONDS, SECONDS);

        assertThat(response.status(), is(404));
        assertThat(response.text(), is("no such path: /nope"));
        assertThat(response.subresources(), is(empty()));
        assertThat(response.subresourceTags(), is(empty()));
    }

    @Test
    void subresourceTagsAlsoNameWhatWasNotPushed() throws Exception {
        spdy.server().answer = Answer.reply(200, "text/html", "<html/>")
                .tags("/style.css", " /app.js ", "/logo.png")
                .push(Pushed.of("/style.css", "text/css", "b{}"));

        Response response = connect(builder()).request("/index.html").get(WAIT_SECONDS, SECONDS);

        assertThat(response.subresourceTags(), contains("/style.css", "/app.js", "/logo.png"));
        assertThat(response.subresources().stream().map(PushedResource::path).toList(), contains("/style.css"));
    }

    @Test
    void waitsForPushedDataThatFinishesAfterTheReply() throws Exception {
        spdy.server().answer = PAGE;
        spdy.server().holdPushData = true;
        PushSession session = connect(builder());

        CompletableFuture<Response> pending = session.request("/index.html");
        spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS);

        assertThrows(TimeoutException.class, () -> pending.get(300, TimeUnit.MILLISECONDS),
                "the reply has ended, the pushed streams have not");
        spdy.server().releasePushes();
        Response response = pending.get(WAIT_SECONDS, SECONDS);
        assertThat(response.text(), is("<html>page</html>"));
        assertThat(response.subresources().stream().map(PushedResource::text).toList(),
                contains("body{}", "go()", "PNG"));
    }

    @Test
    void sendsPushHaveFromTheCacheAndKeepsWhatIsPushed() throws Exception {
        InMemoryResourceCache cache = new InMemoryResourceCache();
        spdy.server().answer = PAGE;
        PushSession session = connect(builder().resourceCache(cache));

        session.request("/index.html").get(WAIT_SECONDS, SECONDS);
        spdy.server().answer = Answer.reply(200, "text/html", "<html>again</html>");
        session.request("/index.html").get(WAIT_SECONDS, SECONDS);

        assertThat(spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS).headers().keySet(),
                not(hasItem("push-have")));
        assertThat(spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS).headers(),
                hasEntry("push-have", "/app.js, /logo.png, /style.css"));
        assertThat(cache.get("/app.js").map(PushedResource::text).orElse(null), is("go()"));
    }

    @Test
    void cancelsAPushTheCacheAlreadyHoldsAndDoesNotWaitForIt() throws Exception {
        InMemoryResourceCache cache = new InMemoryResourceCache();
        cache.put(new PushedResource("/style.css", 200, Map.of("content-type", "text/css"), "old{}".getBytes()));
        spdy.server().answer = Answer.reply(200, "text/html", "<html/>").tags("/style.css")
                .push(Pushed.of("/style.css", "text/css", "body{}"));
        spdy.server().holdPushData = true;
        PushSession session = connect(builder().resourceCache(cache));

        Response response = session.request("/index.html").get(WAIT_SECONDS, SECONDS);

        assertThat(response.subresources(), is(empty()));
        SpdyRstStreamFrame reset = spdy.server().resets.poll(WAIT_SECONDS, SECONDS);
        assertThat(reset.streamId(), is(2));
        assertThat(reset.status(), is(SpdyStreamStatus.CANCEL));
        assertThat(cache.get("/style.css").map(PushedResource::text).orElse(null), is("old{}"));
    }

    @Test
    void resetsPushesNotAssociatedToAnOpenRequestOrNotUnidirectionalAndCarriesOn() throws Exception {
        spdy.server().answer = Answer.reply(200, "text/html", "<html/>")
                .push(Pushed.of("/stray.css", "text/css", "x").associatedTo(99),
                        Pushed.of("/two-way.js", "application/javascript", "y").bidirectional(),
                        Pushed.of("/fine.css", "text/css", "z"));
        spdy.server().holdPushData = true;
        PushSession session = connect(builder());

        CompletableFuture<Response> pending = session.request("/index.html");

        Map<Integer, SpdyStreamStatus> resets = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            SpdyRstStreamFrame reset = spdy.server().resets.poll(WAIT_SECONDS, SECONDS);
            assertThat("reset " + (i + 1) + " of 2", reset, is(notNullValue()));
            resets.put(reset.streamId(), reset.status());
        }
        assertThat(resets, is(Map.of(2, SpdyStreamStatus.PROTOCOL_ERROR, 4, SpdyStreamStatus.PROTOCOL_ERROR)));
        spdy.server().releasePushes();
        Response response = pending.get(WAIT_SECONDS, SECONDS);
        assertThat(response.subresources().stream().map(PushedResource::path).toList(), contains("/fine.css"));
        spdy.server().answer = Answer.reply(200, "text/plain", "ok");
        assertThat(session.request("/next").get(WAIT_SECONDS, SECONDS).text(), is("ok"));
    }

    @Test
    void serverResetOfTheRequestStreamFailsItsFutureAndTheSessionCarriesOn() throws Exception {
        spdy.server().answer = Answer.reset(SpdyStreamStatus.REFUSED_STREAM);
        PushSession session = connect(builder());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> session.request("/busy").get(WAIT_SECONDS, SECONDS));

        assertThat(failure.getCause(), instanceOf(StreamResetException.class));
        assertThat(((StreamResetException) failure.getCause()).status(), is(SpdyStreamStatus.REFUSED_STREAM));
        assertThat(failure.getCause().getMessage(),
                containsString("the stream of GET /busy was reset with REFUSED_STREAM"));
        spdy.server().answer = Answer.reply(200, "text/plain", "ok");
        assertThat(session.request("/busy").get(WAIT_SECONDS, SECONDS).text(), is("ok"));
    }

    @Test
    void lostSessionFailsPendingRequests() throws Exception {
        PushSession session = connect(builder());
        CompletableFuture<Response> first = session.request("/slow");
        CompletableFuture<Response> second = session.request(Request.to("/slow").method("POST").text("x"));
        spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS);
        spdy.server().businessRequests.poll(WAIT_SECONDS, SECONDS);

        spdy.server().dropConnection();

        for (CompletableFuture<Response> pending : List.of(first, second)) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> pending.get(WAIT_SECONDS, SECONDS));
            assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
            assertThat(failure.getCause().getMessage(), containsString("was closed"));
        }
        ExecutionException later = assertThrows(ExecutionException.class,
                () -> session.request("/slow").get(WAIT_SECONDS, SECONDS));
        assertThat(later.getCause(), instanceOf(SessionClosedException.class));
    }

    @Test
    void requestAfterCloseFails() throws Exception {
        PushSession session = connect(builder());

        client.close();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> session.request("/x").get(WAIT_SECONDS, SECONDS));
        assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
        assertThat(spdy.server().businessRequests.poll(200, TimeUnit.MILLISECONDS), is(nullValue()));
    }

    private PushClient.Builder builder() {
        return PushClient.builder()
                .server("127.0.0.1", spdy.server().port())
                .clientId("device-42")
                .listener(message -> { });
    }

    private PushSession connect(PushClient.Builder builder) throws Exception {
        client = spdy.closeAfter(builder.build());
        return client.connect().get(WAIT_SECONDS, SECONDS);
    }
}
