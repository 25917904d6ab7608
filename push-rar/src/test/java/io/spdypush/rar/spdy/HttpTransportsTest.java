package io.spdypush.rar.spdy;

import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushMessage;
import io.spdypush.api.Subresource;
import io.spdypush.codec.DecodedPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docs/PROTOCOL.md §10: the push protocol over HTTP/2 with prior knowledge and over HTTP/1.1, with the real curl. */
class HttpTransportsTest {

    private static final String H2 = "--http2-prior-knowledge";
    private static final String HTTP1 = "--http1.1";

    @RegisterExtension
    final RunningServer running = new RunningServer();

    @BeforeAll
    static void needsCurl() {
        assumeTrue(CurlPushStream.curlRuns(), "curl is not installed (.ci/install-clients installs it): skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {H2, HTTP1})
    void curlHoldsAPushStreamReceivesInOrderAcknowledgesAndResumes(String transport) throws Exception {
        int port = running.server().port();
        long firstSeq;
        try (CurlPushStream stream = CurlPushStream.open(transport, port, "device-1")) {
            assertThat(stream.statusLine(), containsString("200"));
            assertThat(stream.header("content-type"), is("application/x-spdypush-packets"));
            String session = stream.header("push-session");
            firstSeq = running.server().send(PushMessage.to("device-1").text("one")).get(0).seq();
            running.server().send(PushMessage.to("device-1").text("two"));
            DecodedPacket one = stream.next();
            DecodedPacket two = stream.next();
            assertThat(new String(one.payload(), StandardCharsets.UTF_8), is("one"));
            assertThat(new String(two.payload(), StandardCharsets.UTF_8), is("two"));
            assertThat(two.seq() > one.seq(), is(true));

            // The ack goes on a connection of its own, bound by push-session and the token.
            String ack = CurlPushStream.request(transport, port, "POST", "/ack", "push-ack: " + one.seq(),
                    "push-session: " + session, "authorization: Bearer " + TestServers.token("device-1"));
            assertThat(ack, startsWith(transport.equals(H2) ? "HTTP/2 200" : "HTTP/1.1 200"));
            assertThat(ack.toLowerCase(), containsString("push-ack: " + one.seq()));
            assertThat(running.server().session("device-1").orElseThrow().pendingMessages(), is(1));
            assertThat(running.server().session("device-1").orElseThrow().transport(),
                    is(transport.equals(H2) ? "h2" : "http/1.1"));
        }
        // Cut; the next push stream resumes after the acknowledged seq: "two" again, flagged as a redelivery.
        try (CurlPushStream stream = CurlPushStream.open(transport, port, "device-1", "push-last-seq: " + firstSeq)) {
            DecodedPacket again = stream.next();
            assertThat(new String(again.payload(), StandardCharsets.UTF_8), is("two"));
            assertThat(again.redelivery(), is(true));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {H2, HTTP1})
    void refusalsAreCompleteResponsesWithAReason(String transport) throws Exception {
        int port = running.server().port();
        String noToken = CurlPushStream.request(transport, port, "GET", "/push", "push-client: device-1");
        assertThat(noToken, containsString(" 401"));
        assertThat(noToken, containsString("the token is missing, invalid or expired"));
        String unknownSession = CurlPushStream.request(transport, port, "POST", "/ack", "push-ack: 1",
                "push-session: no-such-session", "authorization: Bearer " + TestServers.token("device-1"));
        assertThat(unknownSession, containsString(" 409"));
        String noSession = CurlPushStream.request(transport, port, "POST", "/ack", "push-ack: 1");
        assertThat(noSession, containsString(" 401"));
    }

    @ParameterizedTest
    @ValueSource(strings = {H2, HTTP1})
    void aBusinessReplyTagsAndLinksItsSubresources(String transport) throws Exception {
        int port = running.server().port();
        running.server().routes().register("/page", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/html", "<html/>")
                        .withSubresource(Subresource.pushed("/style.css", "text/css", "b{}"))
                        .withSubresource(Subresource.pushed("/app.js", "text/javascript", "1"))));
        try (CurlPushStream stream = CurlPushStream.open(transport, port, "device-1")) {
            String session = stream.header("push-session");
            String reply = CurlPushStream.request(transport, port, "GET", "/page", "push-session: " + session,
                    "authorization: Bearer " + TestServers.token("device-1"), "push-have: /app.js");
            assertThat(reply, containsString(" 200"));
            assertThat(reply.toLowerCase(), containsString("push-subresources: /style.css, /app.js"));
            assertThat(reply.toLowerCase(), containsString("link: </style.css>; rel=preload"));
            assertThat(reply.contains("</app.js>"), is(false));
            assertThat(reply, containsString("<html/>"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {H2, HTTP1})
    void browsersOfTheAllowedOriginsOnlyGetCorsAnswers(String transport) throws Exception {
        PushServer server = running.restart(() -> TestServers.start(
                TestServers.allowingOrigins("https://app.example, http://localhost:*")));
        int port = server.port();
        String preflight = CurlPushStream.request(transport, port, "OPTIONS", "/push", "origin: https://app.example",
                "access-control-request-method: GET", "access-control-request-headers: authorization, push-client");
        assertThat(preflight, containsString(" 204"));
        String lower = preflight.toLowerCase();
        assertThat(lower, containsString("access-control-allow-origin: https://app.example"));
        assertThat(lower, containsString("access-control-allow-headers: authorization, content-type, push-client"));

        String otherOrigin = CurlPushStream.request(transport, port, "OPTIONS", "/push", "origin: https://evil.example",
                "access-control-request-method: GET");
        assertThat(otherOrigin, containsString(" 403"));
        assertThat(otherOrigin.toLowerCase().contains("access-control-allow-origin"), is(false));

        // A refusal carries the headers too, so that the page can read its status rather than a network error.
        String refused = CurlPushStream.request(transport, port, "GET", "/push", "origin: https://app.example",
                "push-client: device-1");
        assertThat(refused, containsString(" 401"));
        assertThat(refused.toLowerCase(), containsString("access-control-expose-headers: push-session, push-heartbeat"));
        try (CurlPushStream stream = CurlPushStream.open(transport, port, "device-1", "origin: http://localhost:8080")) {
            assertThat("any port of localhost", stream.header("access-control-allow-origin"), is("http://localhost:8080"));
        }
        String otherHost = CurlPushStream.request(transport, port, "OPTIONS", "/push",
                "origin: http://localhost.evil.example:8080", "access-control-request-method: GET");
        assertThat(otherHost, containsString(" 403"));
    }

    @Test
    void anOriginThatIsNotOneIsRefusedAtStartNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TestServers.allowingOrigins("https://app.example/path"));
        assertThat(refused.getMessage(), containsString("allowedOrigins names https://app.example/path"));
        assertThrows(IllegalArgumentException.class, () -> TestServers.allowingOrigins("http://localhost:8080:*"));
    }

    /** HTTP/1.1 has no PING, and a browser's fetch sees none on HTTP/2: a quiet push stream carries HEARTBEATs. */
    @ParameterizedTest
    @ValueSource(strings = {H2, HTTP1})
    void aQuietPushStreamCarriesHeartbeatPackets(String transport) throws Exception {
        PushServer server = running.restart(() -> TestServers.start(
                TestServers.config(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10))));
        try (CurlPushStream stream = CurlPushStream.open(transport, server.port(), "device-1")) {
            stream.header("push-session");
            Thread.sleep(2_500);
            byte[] body = stream.rawBody();
            assertThat("two or more HEARTBEAT packets, 16 bytes each: " + body.length, body.length >= 32
                    && body.length % 16 == 0, is(true));
            assertThat(body[4], is((byte) 2));
            if (transport.equals(HTTP1)) {
                assertThat(server.session("device-1").orElseThrow().lastHeartbeat() != null, is(true));
            }
        }
    }
}
