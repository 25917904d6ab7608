package io.spdypush.it;

import com.sun.net.httpserver.HttpServer;
import io.spdypush.ejb.webhook.WebhookSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP receiver of webhook calls on loopback, as a user's would be: it checks each call's signature with
 * the webhook's secret and keeps the events of those that verify; its answer is chosen by the test.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What the receiver answers the n-th call (from 1) with: an HTTP status. */
    public interface Answer {
        int status(int call) throws InterruptedException;
    }

    private final HttpServer server;
    private final String path;
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;

    public WebhookReceiver(int port, String path, Answer answer) throws IOException {
        this.path = path;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(path, exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = answer.status(calls.incrementAndGet());
                String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
                String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
                boolean verified = secret != null && timestamp != null
                        && WebhookSignature.verify(secret, Long.parseLong(timestamp), body, signature);
                if (!verified) {
                    badSignatures.incrementAndGet();
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                if (status / 100 == 2) {
                    Json.createReader(new ByteArrayInputStream(body)).readObject().getJsonArray("events")
                            .getValuesAs(JsonObject.class).forEach(events::add);
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** The secret the calls must be signed with (known once the webhook is registered). */
    public WebhookReceiver secret(String secret) {
        this.secret = secret;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The events of the calls answered 2xx, in the order they came. */
    public List<JsonObject> events() {
        return List.copyOf(events);
    }

    public List<JsonObject> events(Predicate<JsonObject> which) {
        return events.stream().filter(which).toList();
    }

    public int calls() {
        return calls.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** Waits until {@code count} events that match have come; returns them. */
    public List<JsonObject> await(Predicate<JsonObject> which, int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (events(which).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " matching events not received in " + wait + "; received "
                        + events() + " in " + calls() + " calls, " + badSignatures() + " badly signed");
            }
            Thread.sleep(20);
        }
        return events(which);
    }

    /** The events of one client of one type. */
    public static Predicate<JsonObject> of(String type, String clientId) {
        return event -> event.getString("type").equals(type) && event.getString("clientId").equals(clientId);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
