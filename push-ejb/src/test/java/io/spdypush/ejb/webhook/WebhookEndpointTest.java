package io.spdypush.ejb.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spdypush.ejb.DeliveryOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A webhook endpoint against real HTTP receivers on loopback: healthy, failing, slow and gone. */
class WebhookEndpointTest {

    private static final String SECRET = "a-secret-of-24-characters";
    private static final WebhookTuning QUICK = new WebhookTuning(1000, Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMillis(200));

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private final List<HttpServer> receivers = new ArrayList<>();
    private final List<WebhookEndpoint> endpoints = new ArrayList<>();

    /** A call as the receiver saw it. */
    private record Call(String timestamp, String signature, byte[] body) {

        List<String> messageIds() {
            return Json.createReader(new ByteArrayInputStream(body)).readObject().getJsonArray("events")
                    .getValuesAs(JsonObject.class).stream().map(event -> event.getString("messageId")).toList();
        }
    }

    @AfterEach
    void stop() {
        endpoints.forEach(WebhookEndpoint::close);
        receivers.forEach(receiver -> receiver.stop(0));
        retries.shutdownNow();
        calls.shutdownNow();
    }

    @Test
    void eachCallIsSignedOverItsTimestampAndBodyAndCarriesTheEvents() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        WebhookEndpoint endpoint = endpoint(receiver(calls, exchange -> 204), QUICK, EnumSet.allOf(WebhookEventType.class));

        endpoint.offer(delivered("m-1"));

        Call call = calls.poll(10, TimeUnit.SECONDS);
        assertNotNull(call, "no call reached the receiver");
        assertTrue(WebhookSignature.verify(SECRET, Long.parseLong(call.timestamp()), call.body(), call.signature()),
                "signature " + call.signature() + " does not verify");
        JsonObject json = Json.createReader(new ByteArrayInputStream(call.body())).readObject();
        assertEquals("hook", json.getString("webhook"));
        JsonObject event = json.getJsonArray("events").getJsonObject(0);
        assertEquals("delivered", event.getString("type"));
        assertEquals("device-1", event.getString("clientId"));
        assertEquals("m-1", event.getString("messageId"));
        assertEquals(7, event.getInt("seq"));
        assertTrue(event.get("id").getValueType() == JsonValue.ValueType.STRING);
        assertTrue(!WebhookSignature.verify("another-secret-16chars", Long.parseLong(call.timestamp()), call.body(),
                call.signature()), "another secret verifies too");
        awaitStats(endpoint, stats -> stats.delivered() == 1 && stats.queued() == 0);
    }

    @Test
    void eventsOfferedOneByOneWhileCallsAreInFlightAllArrive() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        WebhookEndpoint endpoint = endpoint(receiver(calls, exchange -> 200), QUICK,
                EnumSet.allOf(WebhookEventType.class));

        for (int i = 1; i <= 60; i++) {
            endpoint.offer(delivered("m-" + i));
            Thread.sleep(i % 3);
        }

        awaitStats(endpoint, stats -> stats.delivered() == 60);
    }

    @Test
    void aReceiverAnswering500GetsTheSameEventsAgainUntilItTakesThemInOrder() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger answered = new AtomicInteger();
        WebhookEndpoint endpoint = endpoint(receiver(calls, exchange -> answered.incrementAndGet() <= 2 ? 500 : 200),
                QUICK, EnumSet.allOf(WebhookEventType.class));

        for (int i = 1; i <= 5; i++) {
            endpoint.offer(delivered("m-" + i));
        }

        awaitStats(endpoint, stats -> stats.delivered() == 5);
        List<String> accepted = new ArrayList<>();
        List<Call> all = new ArrayList<>();
        calls.drainTo(all);
        all.subList(2, all.size()).forEach(call -> accepted.addAll(call.messageIds()));
        assertEquals(List.of("m-1", "m-2", "m-3", "m-4", "m-5"), accepted);
        assertEquals(all.get(0).messageIds(), all.get(1).messageIds(), "the failed call was not made again as it was");
        assertEquals(all.get(0).messageIds(), all.get(2).messageIds());
        assertEquals(2, endpoint.stats().failedCalls());
        assertEquals("HTTP 500", endpoint.stats().lastFailure());
    }

    @Test
    void aSlowReceiverDelaysOnlyItsOwnEvents() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebhookEndpoint slow = endpoint(receiver(new LinkedBlockingQueue<>(), exchange -> {
            release.await();
            return 200;
        }), new WebhookTuning(1000, Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(200)),
                EnumSet.allOf(WebhookEventType.class));
        BlockingQueue<Call> fastCalls = new LinkedBlockingQueue<>();
        WebhookEndpoint fast = endpoint(receiver(fastCalls, exchange -> 200), QUICK,
                EnumSet.allOf(WebhookEventType.class));

        for (int i = 1; i <= 50; i++) {
            slow.offer(delivered("m-" + i));
            fast.offer(delivered("m-" + i));
        }

        awaitStats(fast, stats -> stats.delivered() == 50);
        assertEquals(0, slow.stats().delivered());
        assertEquals(50, slow.stats().queued());
        release.countDown();
        awaitStats(slow, stats -> stats.delivered() == 50);
    }

    @Test
    void aGoneReceiversQueueIsBoundedAndWhatDoesNotFitIsCountedAsDropped() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        WebhookEndpoint gone = endpoint(URI.create("http://127.0.0.1:" + freePort + "/hook"),
                new WebhookTuning(5, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200)),
                EnumSet.allOf(WebhookEventType.class));

        for (int i = 1; i <= 10; i++) {
            gone.offer(delivered("m-" + i));
        }

        // The first event went into the first call; five more fill the queue.
        assertEquals(4, gone.stats().dropped());
        assertEquals(6, gone.stats().queued());
        awaitStats(gone, stats -> stats.failedCalls() >= 2 && stats.lastFailure().contains("Connect"));
    }

    @Test
    void anEndpointWantsOnlyTheEventsItWasRegisteredFor() throws Exception {
        WebhookEndpoint sessions = endpoint(URI.create("http://127.0.0.1:1/hook"), QUICK,
                EnumSet.of(WebhookEventType.SESSION_OPENED, WebhookEventType.SESSION_CLOSED));

        assertTrue(sessions.wants(WebhookEventType.SESSION_OPENED));
        assertTrue(!sessions.wants(WebhookEventType.DELIVERED));
    }

    private static WebhookEvent delivered(String messageId) {
        return WebhookEvent.of(WebhookEventType.DELIVERED,
                new DeliveryOutcome("device-1", messageId, 7, DeliveryOutcome.State.DELIVERED, ""));
    }

    private WebhookEndpoint endpoint(URI url, WebhookTuning tuning, EnumSet<WebhookEventType> events) {
        WebhookEndpoint endpoint = new WebhookEndpoint(new Webhook("hook", url, SECRET, events, false), tuning, http,
                calls, retries);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** How a receiver answers a call: its status. */
    private interface Answer {
        int status(HttpExchange exchange) throws Exception;
    }

    private URI receiver(BlockingQueue<Call> calls, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                calls.add(new Call(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body));
                exchange.sendResponseHeaders(answer.status(exchange), -1);
            } catch (Exception e) {
                exchange.sendResponseHeaders(599, -1);
            }
        });
        server.start();
        receivers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static void awaitStats(WebhookEndpoint endpoint, java.util.function.Predicate<WebhookStats> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.test(endpoint.stats())) {
            assertTrue(System.nanoTime() < deadline, "not reached in 20 s: " + endpoint.stats());
            Thread.sleep(10);
        }
    }
}
