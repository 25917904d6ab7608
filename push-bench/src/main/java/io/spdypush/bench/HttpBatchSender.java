package io.spdypush.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Unicast through our batch call ({@code POST /push/api/batch}), many messages per HTTP call, as a remote
 * application with much to send would. At a fixed rate a call goes out every 10 ms at most, with the messages due
 * since the last one, each stamped with the moment it was due: the wait for its call counts in its latency.
 */
final class HttpBatchSender implements UnicastSender {

    static final int MAX_PER_CALL = 100;
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int MAX_IN_FLIGHT = 64;
    private static final double CALLS_PER_SECOND_AT_MOST = 100;
    private static final Pattern REFUSED = Pattern.compile("\"status\":\"REFUSED\"");

    private final KeepAliveHttp http;
    private final int payloadBytes;
    private final String path;
    private final boolean stored;

    /** @param stored whether the messages are at least once (stored until acknowledged) or memory only */
    HttpBatchSender(KeepAliveHttp http, int payloadBytes, String path, boolean stored) {
        this.http = http;
        this.payloadBytes = payloadBytes;
        this.path = path;
        this.stored = stored;
    }

    @Override
    public String callName() {
        return "batch call";
    }

    @Override
    public Sent atMaximum(List<Fleet.Client> clients, int concurrency, int seconds) throws InterruptedException {
        ConcurrentHistogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(concurrency, seconds, calls, () -> {
            int first = next.getAndAdd(MAX_PER_CALL);
            long now = System.nanoTime();
            List<Due> batch = new ArrayList<>(MAX_PER_CALL);
            for (int i = 0; i < MAX_PER_CALL; i++) {
                batch.add(new Due(clients.get(Math.floorMod(first + i, clients.size())), now));
            }
            return new ClosedLoop.Call(batch.size(), send(batch, calls));
        });
    }

    @Override
    public Sent atRate(List<Fleet.Client> clients, double perSecond, int seconds) throws InterruptedException {
        ConcurrentHistogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        long total = Math.max(1, (long) (perSecond * seconds));
        int perCall = (int) Math.max(1, Math.min(MAX_PER_CALL, Math.ceil(perSecond / CALLS_PER_SECOND_AT_MOST)));
        long period = (long) (1e9 / perSecond);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        for (long from = 0; from < total; from += perCall) {
            List<Due> batch = new ArrayList<>(perCall);
            for (long i = from; i < Math.min(total, from + perCall); i++) {
                batch.add(new Due(clients.get((int) (i % clients.size())), start + i * period));
            }
            long wait = batch.get(batch.size() - 1).nanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                refused.addAndGet(batch.size());
                continue;
            }
            send(batch, calls).whenComplete((refusedInCall, error) -> {
                refused.addAndGet(error != null ? batch.size() : refusedInCall);
                inFlight.release();
            });
        }
        inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS);
        return new Sent(total, refused.get(), start, System.nanoTime() - start, calls);
    }

    /** A message for a client, due at {@code nanos}. */
    private record Due(Fleet.Client client, long nanos) {
    }

    /** Completes with how many copies the server refused. */
    private CompletableFuture<Long> send(List<Due> batch, ConcurrentHistogram calls) {
        StringBuilder body = new StringBuilder(batch.size() * (payloadBytes + 80)).append("{\"messages\":[");
        String qos = stored ? "" : ",\"qos\":\"at_most_once\"";
        for (int i = 0; i < batch.size(); i++) {
            Due due = batch.get(i);
            body.append(i == 0 ? "" : ",").append("{\"to\":\"").append(due.client().id).append("\",\"text\":\"")
                    .append(new String(Payloads.bytes(due.nanos(), payloadBytes), StandardCharsets.US_ASCII))
                    .append('"').append(qos).append('}');
        }
        body.append("]}");
        long firstDue = batch.get(0).nanos();
        byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
        return http.post(path, "application/json", json).thenApply(answer -> {
            calls.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - firstDue) / 1000));
            if (answer.status() != 200) {
                return (long) batch.size();
            }
            Matcher refusals = REFUSED.matcher(answer.body());
            long refused = 0;
            while (refusals.find()) {
                refused++;
            }
            return refused;
        });
    }
}
