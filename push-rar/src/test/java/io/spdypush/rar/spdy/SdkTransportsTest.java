package io.spdypush.rar.spdy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushMessage;
import io.spdypush.api.Subresource;
import io.spdypush.client.ClientTls;
import io.spdypush.client.InMemoryResourceCache;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.client.Request;
import io.spdypush.client.Response;
import io.spdypush.client.SessionClosedException;
import io.spdypush.client.Transport;
import io.spdypush.protocol.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Java SDK on HTTP/2 and HTTP/1.1 (docs/PROTOCOL.md §10) against the real server: everything it does on SPDY/3.1,
 * with the transport's own way of pushing sub-resources and of keeping a quiet session alive; and ALPN choosing the
 * transport over TLS.
 */
class SdkTransportsTest {

    private static final long WAIT_SECONDS = 10;
    private static final String PASSWORD = "changeit";
    private static final ReconnectPolicy QUICKLY = new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50));

    private static X509Bundle certificate;
    private static File keyStore;

    @RegisterExtension
    final RunningServer running = new RunningServer();

    private final Events events = new Events();

    @BeforeAll
    static void createKeyStore() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        keyStore = certificate.toTempKeyStoreFile(PASSWORD.toCharArray());
        keyStore.deleteOnExit();
    }

    @ParameterizedTest
    @CsvSource({"H2, h2", "HTTP1, http/1.1"})
    void messagesArriveInOrderExactlyOnceAndAreAcknowledged(Transport transport, String serverName) throws Exception {
        PushServer server = running.restart(() -> TestServers.start(TestServers.outbox(1000, 8L * 1024 * 1024)));
        PushClient client = running.connect(TestServers.client(server, "device-1").transport(transport)
                .listener(events));
        List<Long> sent = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            sent.add(server.send(PushMessage.to("device-1").text("message " + i)).get(0).seq());
        }

        List<Long> received = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ReceivedMessage message = events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat("message " + i, message, notNullValue());
            assertThat(message.text(), is("message " + i));
            assertThat(message.redelivered(), is(false));
            received.add(message.seq());
        }

        assertThat(received, is(sent));
        awaitNothingPending(server, "device-1");
        assertThat("nothing twice", events.messages.poll(200, TimeUnit.MILLISECONDS), nullValue());
        assertThat(server.session("device-1").orElseThrow().transport(), is(serverName));
        assertThat(events.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS).transport(), is(transport));
        client.close();
    }

    /** HTTP/2's windows are given back as the client reads, so messages far larger than one window keep coming. */
    @ParameterizedTest
    @EnumSource(names = {"H2", "HTTP1"})
    void messagesLargerThanTheFlowControlWindowArriveWhole(Transport transport) throws Exception {
        PushServer server = running.server();
        running.connect(TestServers.client(server, "device-1").transport(transport).listener(events));
        byte[] large = new byte[300 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }

        for (int i = 0; i < 3; i++) {
            server.send(PushMessage.to("device-1").bytes("application/octet-stream", large));
        }

        for (int i = 0; i < 3; i++) {
            ReceivedMessage message = events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat("message " + i, message, notNullValue());
            assertThat(Arrays.equals(message.payload(), large), is(true));
        }
        awaitNothingPending(server, "device-1");
    }

    @ParameterizedTest
    @EnumSource(names = {"H2", "HTTP1"})
    void afterTheServerCutsTheSessionItResumesAndRedeliversWhatWasNotAcknowledged(Transport transport)
            throws Exception {
        PushServer server = running.server();
        AtomicInteger tokensAsked = new AtomicInteger();
        PushClient client = running.connect(PushClient.builder().server("127.0.0.1", server.port())
                .clientId("device-1").transport(transport).autoAck(false).reconnect(QUICKLY)
                .tokenProvider(() -> {
                    tokensAsked.incrementAndGet();
                    return TestServers.token("device-1");
                })
                .listener(events));
        String firstSession = events.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS).id();
        server.send(PushMessage.to("device-1").text("one"));
        server.send(PushMessage.to("device-1").text("two"));
        ReceivedMessage one = events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS).text(), is("two"));
        assertThat(client.ack(one.seq()).get(WAIT_SECONDS, TimeUnit.SECONDS), is(one.seq()));

        assertThat(server.disconnect("device-1"), is(true));

        PushSession second = events.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(second, notNullValue());
        assertThat(second.id().equals(firstSession), is(false));
        assertThat(events.disconnected.poll(WAIT_SECONDS, TimeUnit.SECONDS), notNullValue());
        ReceivedMessage again = events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat("only what was not acknowledged comes again", again.text(), is("two"));
        assertThat(again.redelivered(), is(true));
        assertThat("a fresh token for each connection", tokensAsked.get(), is(2));
        assertThat(server.session("device-1").orElseThrow().pendingMessages(), is(1));
    }

    @ParameterizedTest
    @EnumSource(names = {"H2", "HTTP1"})
    void aRefusedTokenIsFinal(Transport transport) throws Exception {
        PushServer server = running.server();
        PushClient client = running.closeAfter(PushClient.builder().server("127.0.0.1", server.port())
                .clientId("device-1").transport(transport).reconnect(QUICKLY)
                .token(Tokens.mint(TestServers.SECRET, "someone-else", Instant.now().plusSeconds(60).getEpochSecond()))
                .listener(events).build());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS));

        assertThat(failure.getCause(), instanceOf(PushRefusedException.class));
        assertThat(((PushRefusedException) failure.getCause()).status(), is(401));
        assertThat(events.refused.get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(401));
        assertThat("not tried again", events.reconnecting.get(), is(0));
    }

    @Test
    void overHttp2SubresourcesArePushedAndTheCacheIsTold() throws Exception {
        PushServer server = running.server();
        registerPage(server);
        PushSession session = connect(Transport.H2, new InMemoryResourceCache());

        Response page = session.request("/page").get(WAIT_SECONDS, TimeUnit.SECONDS);
        Response again = session.request("/page").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(page.status(), is(200));
        assertThat(page.text(), is("<html/>"));
        assertThat(page.subresourceTags(), contains("/page.css", "/page.js"));
        assertThat(page.subresources().stream().map(PushedResource::path).toList(), contains("/page.css", "/page.js"));
        assertThat(page.subresources().get(0).text(), is("b{}"));
        assertThat(page.subresources().get(0).contentType(), is("text/css"));
        assertThat(page.subresources().get(1).text(), is("go()"));
        assertThat("push-have names what was pushed before", again.subresources(), is(empty()));
        assertThat(again.subresourceTags(), contains("/page.css", "/page.js"));
    }

    @Test
    void overHttp11SubresourcesAreTaggedAndLinked() throws Exception {
        PushServer server = running.server();
        registerPage(server);
        InMemoryResourceCache cache = new InMemoryResourceCache();
        cache.put(new PushedResource("/page.js", 200, Map.of("content-type", "text/javascript"),
                "go()".getBytes(StandardCharsets.UTF_8)));
        PushSession session = connect(Transport.HTTP1, cache);

        Response page = session.request("/page").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(page.status(), is(200));
        assertThat(page.text(), is("<html/>"));
        assertThat(page.subresources(), is(empty()));
        assertThat(page.subresourceTags(), contains("/page.css", "/page.js"));
        assertThat("linked, but not what push-have names", page.headers().get("link"),
                is("</page.css>; rel=preload"));
        assertThat("no connection header of HTTP/1.1", page.headers().containsKey("connection"), is(false));
    }

    @ParameterizedTest
    @EnumSource(names = {"H2", "HTTP1"})
    void aBusinessRequestCarriesItsBodyAndGetsTheApplicationsStatus(Transport transport) throws Exception {
        PushServer server = running.server();
        server.routes().register("/echo", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/plain", request.method() + " " + request.text())));
        PushSession session = connect(transport, null);

        Response echo = session.request(Request.to("/echo").method("POST").text("hello"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        Response missing = session.request("/nothing-here").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(echo.status(), is(200));
        assertThat(echo.text(), is("POST hello"));
        assertThat(missing.status(), is(404));
    }

    /** HTTP/2 PINGs the server; HTTP/1.1 hears the server's HEARTBEAT packets and does not take the quiet for death. */
    @ParameterizedTest
    @EnumSource(names = {"H2", "HTTP1"})
    void aQuietSessionStaysOnHeartbeats(Transport transport) throws Exception {
        PushServer server = running.restart(() -> TestServers.start(
                TestServers.config(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10))));
        running.connect(TestServers.client(server, "device-1").transport(transport)
                .heartbeat(Duration.ofMillis(300)).heartbeatServer(Duration.ofSeconds(1))
                .heartbeatTimeout(Duration.ofMillis(700)).listener(events));

        Thread.sleep(3_500);

        assertThat(events.disconnected.poll(), nullValue());
        assertThat(server.session("device-1").orElseThrow().lastHeartbeat(), notNullValue());
        server.send(PushMessage.to("device-1").text("still there"));
        assertThat(events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS).text(), is("still there"));
    }

    /** §10: over TLS the client offers its transport's protocols by ALPN, and the server picks. */
    @ParameterizedTest
    @CsvSource({"SPDY, spdy/3.1", "H2, h2", "HTTP1, http/1.1", "AUTO, spdy/3.1"})
    void overTlsAlpnChoosesTheTransport(Transport transport, String serverName) throws Exception {
        PushServer server = running.restart(() -> TestServers.start(TestServers.config(),
                ServerTls.fromKeyStore(keyStore.getPath(), PASSWORD)));
        running.connect(TestServers.client(server, "device-1").transport(transport)
                .tls(ClientTls.context(certificate.toTrustManagerFactory(), transport)).listener(events));

        server.send(PushMessage.to("device-1").text("over TLS"));

        assertThat(events.messages.poll(WAIT_SECONDS, TimeUnit.SECONDS).text(), is("over TLS"));
        awaitNothingPending(server, "device-1");
        assertThat(server.session("device-1").orElseThrow().transport(), is(serverName));
    }

    @Test
    void inCleartextAutoSpeaksSpdy() throws Exception {
        PushServer server = running.server();
        running.connect(TestServers.client(server, "device-1").transport(Transport.AUTO).listener(events));

        assertThat(events.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS).transport(), is(Transport.SPDY));
        assertThat(server.session("device-1").orElseThrow().transport(), is("spdy/3.1"));
    }

    @Test
    void overTlsAServerThatPicksNoneOfTheTransportsProtocolsIsNoSession() throws Exception {
        PushServer server = running.restart(() -> TestServers.start(TestServers.config(),
                ServerTls.fromKeyStore(keyStore.getPath(), PASSWORD)));
        PushClient client = running.closeAfter(TestServers.client(server, "device-1").transport(Transport.H2)
                .tls(ClientTls.context(certificate.toTrustManagerFactory(), Transport.SPDY)).listener(events)
                .build());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS));

        assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
        assertThat(failure.getCause().getMessage(), containsString("did not select h2 over ALPN (it selected"
                + " spdy/3.1)"));
    }

    private PushSession connect(Transport transport, InMemoryResourceCache cache) throws Exception {
        PushClient.Builder builder = TestServers.client(running.server(), "device-1").transport(transport)
                .listener(events);
        if (cache != null) {
            builder.resourceCache(cache);
        }
        running.connect(builder);
        return events.connected.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void registerPage(PushServer server) {
        server.routes().register("/page", request -> CompletableFuture.completedFuture(
                BusinessResponse.ok("text/html", "<html/>")
                        .withSubresource(Subresource.pushed("/page.css", "text/css", "b{}"))
                        .withSubresource(Subresource.pushed("/page.js", "text/javascript", "go()"))));
    }

    private static void awaitNothingPending(PushServer server, String clientId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (server.session(clientId).orElseThrow().pendingMessages() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.session(clientId).orElseThrow().pendingMessages(), is(0));
    }

    /** What the SDK tells its listener. */
    private static final class Events implements PushListener {

        final BlockingQueue<ReceivedMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<PushSession> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<SessionClosedException> disconnected = new LinkedBlockingQueue<>();
        final AtomicInteger reconnecting = new AtomicInteger();
        final CompletableFuture<PushRefusedException> refused = new CompletableFuture<>();

        @Override
        public void onMessage(ReceivedMessage message) {
            messages.add(message);
        }

        @Override
        public void onConnected(PushSession session) {
            connected.add(session);
        }

        @Override
        public void onDisconnected(SessionClosedException reason) {
            disconnected.add(reason);
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, SessionClosedException cause) {
            reconnecting.incrementAndGet();
        }

        @Override
        public void onRefused(PushRefusedException refusal) {
            refused.complete(refusal);
        }
    }
}
