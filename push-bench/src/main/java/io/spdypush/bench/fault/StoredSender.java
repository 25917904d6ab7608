package io.spdypush.bench.fault;

import io.spdypush.bench.MicroServer;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends at-least-once messages (the REST API's default: stored) to the clients in turn, at a fixed rate, each
 * with an id of its own, and books what the server answered: {@code 202} with {@code "status":"ACCEPTED"} is
 * accepted, anything else (409, 503, a refused connection, no answer) is not. It keeps sending while the
 * server is down or starting, so that sends meet the server in every state.
 */
final class StoredSender implements AutoCloseable {

    private static final Pattern ACCEPTED = Pattern.compile("\"status\"\\s*:\\s*\"ACCEPTED\"");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_IN_FLIGHT = 32;
    private static final long TICK_MILLIS = 10;

    private final Supplier<MicroServer> server;
    private final List<String> clientIds;
    private final int rate;
    private final String runId;
    private final Deliveries deliveries;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Thread thread;
    private volatile boolean running = true;
    private long sent;

    /**
     * @param server the server running now; a new one after each restart
     * @param runId  makes this run's message ids unique, whatever an earlier run left in the database
     */
    StoredSender(Supplier<MicroServer> server, List<String> clientIds, int rate, String runId, Deliveries deliveries) {
        this.server = server;
        this.clientIds = clientIds;
        this.rate = rate;
        this.runId = runId;
        this.deliveries = deliveries;
        this.thread = new Thread(this::sendAtRate, "stored-sender");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void sendAtRate() {
        long started = System.nanoTime();
        try {
            while (running) {
                long due = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) * rate / 1000;
                while (sent < due && running) {
                    // When the server cannot keep up, the rate drops rather than the sends piling up.
                    inFlight.acquire();
                    send(clientIds.get((int) (sent % clientIds.size())), runId + "-" + sent);
                    sent++;
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String clientId, String messageId) {
        HttpRequest request = server.get().request("/push/api/clients/" + clientId + "/messages?id=" + messageId)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(messageId))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure != null) {
                deliveries.notAccepted(reason(failure));
            } else if (response.statusCode() == 202 && ACCEPTED.matcher(response.body()).find()) {
                deliveries.accepted(clientId, messageId);
            } else {
                deliveries.notAccepted("HTTP " + response.statusCode());
            }
        });
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        return "connection lost";
    }

    /** Stops sending and waits until every send has its answer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        inFlight.acquire(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
    }
}
