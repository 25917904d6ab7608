package io.spdypush.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;

/** Unicast through the server's HTTP API, one call per message, as a remote application would send. */
final class HttpUnicastSender implements UnicastSender {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int MAX_IN_FLIGHT = 512;

    private final KeepAliveHttp http;
    private final int payloadBytes;
    private final Function<String, String> pathOfClient;

    /** @param pathOfClient the HTTP path that pushes a message to the client with this id */
    HttpUnicastSender(KeepAliveHttp http, int payloadBytes, Function<String, String> pathOfClient) {
        this.http = http;
        this.payloadBytes = payloadBytes;
        this.pathOfClient = pathOfClient;
    }

    @Override
    public String callName() {
        return "HTTP call";
    }

    @Override
    public Sent atMaximum(List<Fleet.Client> clients, int concurrency, int seconds) throws InterruptedException {
        ConcurrentHistogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(concurrency, seconds, calls, () -> new ClosedLoop.Call(1,
                send(clients.get(Math.floorMod(next.getAndIncrement(), clients.size())), System.nanoTime(), calls)
                        .thenApply(ok -> ok ? 0L : 1L)));
    }

    @Override
    public Sent atRate(List<Fleet.Client> clients, double perSecond, int seconds) throws InterruptedException {
        ConcurrentHistogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
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
            send(clients.get((int) (i % clients.size())), due, calls).whenComplete((ok, error) -> {
                if (error != null || !ok) {
                    refused.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS);
        return new Sent(total, refused.get(), start, System.nanoTime() - start, calls);
    }

    private CompletableFuture<Boolean> send(Fleet.Client client, long due, ConcurrentHistogram calls) {
        byte[] payload = Payloads.bytes(due, payloadBytes);
        return http.post(pathOfClient.apply(client.id), "text/plain", payload).thenApply(answer -> {
            calls.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - due) / 1000));
            return answer.status() == 202;
        });
    }
}
