package io.spdypush.ejb.webhook;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one webhook its events: at least once, in order, one call at a time, each call a JSON object
 * {@code {"webhook": id, "events": [...]}} of up to {@value WebhookTuning#MAX_EVENTS_PER_CALL} events. A failed call
 * is made again with the same events after a wait that doubles up to {@link WebhookTuning#maxRetry}, so a receiver
 * that is away gets everything once it is back, as long as its queue did not fill meanwhile. Whoever publishes an
 * event only offers it to the bounded queue: a slow or dead endpoint costs its own queue and nothing else, neither
 * pushes nor other webhooks. Lines about an endpoint are logged when it starts and stops failing, and when events
 * are dropped at most once a minute, so that a dead endpoint cannot flood the log.
 */
final class WebhookEndpoint {

    private static final Logger LOG = Logger.getLogger(WebhookEndpoint.class.getName());
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Webhook webhook;
    private final WebhookTuning tuning;
    private final HttpClient http;
    private final Executor calls;
    private final ScheduledExecutorService retries;
    private final BlockingQueue<WebhookEvent> queue;
    private final AtomicBoolean calling = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedCalls = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedUnlogged = new AtomicLong();
    private final AtomicLong lastDropLogNanos = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);
    /** The events of the call in flight or waiting to be retried; touched only by whoever holds {@link #calling}. */
    private volatile List<WebhookEvent> inFlight = List.of();
    private Duration nextRetry;
    private volatile boolean failing;
    private volatile boolean closed;
    private volatile String lastFailure = "";
    private volatile Instant lastDeliveredAt;

    /**
     * @param calls   where calls are made: never the publisher's thread, as making one may block for a while (the
     *                name of the host is looked up before the request goes out asynchronously)
     * @param retries what waits before a call is made again
     */
    WebhookEndpoint(Webhook webhook, WebhookTuning tuning, HttpClient http, Executor calls,
                    ScheduledExecutorService retries) {
        this.webhook = webhook;
        this.tuning = tuning;
        this.http = http;
        this.calls = calls;
        this.retries = retries;
        this.queue = new ArrayBlockingQueue<>(tuning.queueEvents());
        this.nextRetry = tuning.firstRetry();
    }

    Webhook webhook() {
        return webhook;
    }

    boolean wants(WebhookEventType type) {
        return webhook.events().contains(type);
    }

    /** Queues the event, or drops and counts it when the queue is full; never waits. */
    void offer(WebhookEvent event) {
        if (closed) {
            return;
        }
        if (queue.offer(event)) {
            callIfIdle();
        } else {
            dropped.incrementAndGet();
            droppedUnlogged.incrementAndGet();
            logDrops();
        }
    }

    WebhookStats stats() {
        return new WebhookStats(queue.size() + inFlight.size(), delivered.get(), failedCalls.get(), dropped.get(),
                lastFailure, lastDeliveredAt);
    }

    /** Stops calling; the events still queued are not sent (the webhook was removed, or the server stops). */
    void close() {
        closed = true;
        queue.clear();
    }

    private void callIfIdle() {
        if (!closed && !queue.isEmpty() && calling.compareAndSet(false, true)) {
            List<WebhookEvent> next = new ArrayList<>(WebhookTuning.MAX_EVENTS_PER_CALL);
            queue.drainTo(next, WebhookTuning.MAX_EVENTS_PER_CALL);
            inFlight = next;
            dispatchCall();
        }
    }

    private void dispatchCall() {
        try {
            calls.execute(this::call);
        } catch (RejectedExecutionException e) {
            // The server stops: the events in memory go with it, as the README says.
            inFlight = List.of();
        }
    }

    private void call() {
        if (closed) {
            inFlight = List.of();
            return;
        }
        byte[] body = body(inFlight);
        long timestamp = Instant.now().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook.url())
                    .timeout(tuning.timeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhook.secret(), timestamp,
                            body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() / 100 == 2) {
                    succeeded();
                } else {
                    failed(failure == null ? "HTTP " + response.statusCode() : describe(failure));
                }
            });
        } catch (RuntimeException e) {
            // Thrown here, it would end this thread's task and leave the webhook calling for ever in silence.
            failed(describe(e));
        }
    }

    /** The failure itself, not the CompletionException the client wraps it in. */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getName() + ": "
                + cause.getMessage();
    }

    private byte[] body(List<WebhookEvent> events) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.forEach(event -> array.add(event.json()));
        return Json.createObjectBuilder().add("webhook", webhook.id()).add("events", array).build().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private void succeeded() {
        delivered.addAndGet(inFlight.size());
        lastDeliveredAt = Instant.now();
        inFlight = List.of();
        nextRetry = tuning.firstRetry();
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "Webhook {0} ({1}) answers again", new Object[]{webhook.id(), webhook.url()});
        }
        calling.set(false);
        callIfIdle();
    }

    private void failed(String why) {
        failedCalls.incrementAndGet();
        lastFailure = why;
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Webhook {0} ({1}) failed: {2}; its {3} events are sent again after {4} ms,"
                            + " then at growing intervals up to {5} ms, until it answers 2xx",
                    new Object[]{webhook.id(), webhook.url(), why, inFlight.size() + queue.size(),
                            nextRetry.toMillis(), tuning.maxRetry().toMillis()});
        }
        Duration wait = nextRetry;
        nextRetry = nextRetry.multipliedBy(2).compareTo(tuning.maxRetry()) > 0 ? tuning.maxRetry()
                : nextRetry.multipliedBy(2);
        try {
            retries.schedule(this::dispatchCall, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            inFlight = List.of();
        }
    }

    private void logDrops() {
        long last = lastDropLogNanos.get();
        long now = System.nanoTime();
        if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLogNanos.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Webhook {0} ({1}): {2} events dropped since the last such line, as {3} wait"
                            + " already (spdypush.webhookQueueEvents); {4} dropped in all. Last failure: {5}",
                    new Object[]{webhook.id(), webhook.url(), droppedUnlogged.getAndSet(0), tuning.queueEvents(),
                            dropped.get(), lastFailure.isEmpty() ? "none" : lastFailure});
        }
    }
}
