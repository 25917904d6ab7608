package io.spdypush.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Messages to individual clients through the server's HTTP API, as an application would send them: at the
 * highest rate a fixed number of concurrent senders reach (closed loop), and at a fixed rate (open loop,
 * each message stamped with the moment it was due, so that a stalled server cannot hide its delay).
 * Measures, in microseconds, send to receipt, send to acknowledgement, and the HTTP call itself.
 */
final class Unicast implements Fleet.Receipts {

    /** One measurement's figures. */
    record Result(String mode, double offeredPerSecond, double receivedPerSecond, long sent, long received,
                  long refused, Histogram receipt, Histogram ack, Histogram http) {
    }

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int MAX_IN_FLIGHT = 512;

    private final Fleet fleet;
    private final MicroServer server;
    private final int payloadBytes;
    private final Function<String, String> pathOfClient;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Fleet.Client, ArrayDeque<long[]>> unacked = new HashMap<>();
    private ConcurrentHistogram receipt;
    private ConcurrentHistogram ack;
    private ConcurrentHistogram httpCall;
    private final AtomicLong received = new AtomicLong();

    /** @param pathOfClient the HTTP path that pushes a message to the client with this id */
    Unicast(Fleet fleet, MicroServer server, int payloadBytes, Function<String, String> pathOfClient) {
        this.fleet = fleet;
        this.server = server;
        this.payloadBytes = payloadBytes;
        this.pathOfClient = pathOfClient;
        for (Fleet.Client client : fleet.clients()) {
            unacked.put(client, new ArrayDeque<>());
        }
        fleet.receipts = this;
    }

    @Override
    public void onReceipt(Fleet.Client client, long seq, long sentNanos, long receivedNanos) {
        received.incrementAndGet();
        receipt.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (receivedNanos - sentNanos) / 1000)));
        ArrayDeque<long[]> waiting = unacked.get(client);
        synchronized (waiting) {
            waiting.add(new long[] {seq, sentNanos});
        }
    }

    @Override
    public void onAcked(Fleet.Client client, long seq, long ackedNanos) {
        ArrayDeque<long[]> waiting = unacked.get(client);
        synchronized (waiting) {
            while (!waiting.isEmpty() && waiting.peek()[0] <= seq) {
                long sent = waiting.poll()[1];
                ack.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (ackedNanos - sent) / 1000)));
            }
        }
    }

    private void begin() {
        receipt = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        ack = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        httpCall = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        received.set(0);
        fleet.reset(1);
        unacked.values().forEach(waiting -> {
            synchronized (waiting) {
                waiting.clear();
            }
        });
    }

    /** Closed loop: concurrency senders, each sending its next message as soon as the last was accepted. */
    Result atMaximum(int concurrency, int seconds) throws InterruptedException {
        begin();
        List<Fleet.Client> clients = fleet.clients();
        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            loop(clients, next, sent, refused, end, done);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        drain(sent.get() - refused.get());
        return result("max", sent.get() * 1e9 / elapsed, elapsed, sent.get(), refused.get());
    }

    private void loop(List<Fleet.Client> clients, AtomicInteger next, AtomicLong sent, AtomicLong refused, long end,
                      CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        Fleet.Client client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        sent.incrementAndGet();
        send(client, System.nanoTime()).whenComplete((ok, error) -> {
            if (error != null || !ok) {
                refused.incrementAndGet();
            }
            loop(clients, next, sent, refused, end, done);
        });
    }

    /** Open loop at a fixed rate, round robin over the clients. */
    Result atRate(double perSecond, int seconds) throws InterruptedException {
        begin();
        List<Fleet.Client> clients = fleet.clients();
        long total = Math.max(1, (long) (perSecond * seconds));
        long period = (long) (1e9 / perSecond);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                refused.incrementAndGet();
                continue;
            }
            send(clients.get((int) (i % clients.size())), due).whenComplete((ok, error) -> {
                if (error != null || !ok) {
                    refused.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        drain(total - refused.get());
        return result("fixed", perSecond, elapsed, total, refused.get());
    }

    private CompletableFuture<Boolean> send(Fleet.Client client, long due) {
        HttpRequest request = server.request(pathOfClient.apply(client.id))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.bytes(due, payloadBytes))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            httpCall.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - due) / 1000));
            return response.statusCode() == 202;
        });
    }

    /** Waits, briefly, for the messages still on their way. */
    private void drain(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }

    private Result result(String mode, double offered, long elapsedNanos, long sent, long refused) {
        return new Result(mode, offered, received.get() * 1e9 / elapsedNanos, sent, received.get(), refused,
                receipt.copy(), ack.copy(), httpCall.copy());
    }
}
