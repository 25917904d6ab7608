package io.spdypush.bench.web;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends messages to individual clients from threads inside the server, round robin over the given
 * clients: at the highest rate a number of senders reach (closed loop) or at a fixed rate (open loop,
 * each message stamped with the moment it was due, so that a stalled sender cannot hide its delay).
 * Each payload carries that stamp; the bench's clients measure send to receipt from it. The time of
 * each push call is kept here, in microseconds.
 */
final class UnicastDriver {

    /** What was sent, and how long each push call took. */
    record Sent(long sent, long refused, String firstError, long startNanos, long elapsedNanos, Histogram calls) {

        String json() {
            ByteBuffer encoded = ByteBuffer.allocate(calls.getNeededByteBufferCapacity());
            calls.encodeIntoCompressedByteBuffer(encoded);
            encoded.flip();
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return "{\"sent\":" + sent + ",\"refused\":" + refused + ",\"firstError\":\""
                    + firstError.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"startNanos\":" + startNanos + ",\"elapsedNanos\":" + elapsedNanos
                    + ",\"callMicros\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
        }
    }

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final InServerPush push;
    private final List<String> clients;
    private final int payloadBytes;
    private final Histogram calls = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>("");

    UnicastDriver(InServerPush push, List<String> clients, int payloadBytes) {
        this.push = push;
        this.clients = List.copyOf(clients);
        this.payloadBytes = payloadBytes;
    }

    /** Closed loop: concurrency senders, each sending its next message as soon as the last call returned. */
    Sent atMaximum(int concurrency, int seconds, ThreadFactory threads) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong next = new AtomicLong();
        runOn(concurrency, threads, seconds, () -> {
            while (System.nanoTime() < end) {
                send(next.getAndIncrement(), System.nanoTime());
            }
        });
        return new Sent(sent.get(), refused.get(), firstError.get(), start, System.nanoTime() - start, calls);
    }

    /**
     * Open loop at a fixed rate: message i is due at start + i / perSecond, sent by whichever of the
     * concurrency senders takes it, so that one slow call does not hold the next message back.
     */
    Sent atRate(double perSecond, int seconds, int concurrency, ThreadFactory threads) throws InterruptedException {
        long total = Math.max(1, (long) (perSecond * seconds));
        double period = 1e9 / perSecond;
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        runOn(concurrency, threads, seconds, () -> {
            for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                long due = start + (long) (i * period);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(i, due);
            }
        });
        return new Sent(sent.get(), refused.get(), firstError.get(), start, System.nanoTime() - start, calls);
    }

    private static void runOn(int concurrency, ThreadFactory threads, int seconds, Runnable sender)
            throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(concurrency, threads);
        try {
            for (int i = 0; i < concurrency; i++) {
                senders.execute(sender);
            }
        } finally {
            senders.shutdown();
            senders.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        }
    }

    private void send(long index, long due) {
        String clientId = clients.get((int) (index % clients.size()));
        sent.incrementAndGet();
        boolean accepted;
        try {
            accepted = push.push(clientId, StampedText.of(due, payloadBytes));
        } catch (RuntimeException e) {
            firstError.compareAndSet("", e.toString());
            accepted = false;
        }
        if (!accepted) {
            refused.incrementAndGet();
        }
        calls.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (System.nanoTime() - due) / 1000)));
    }
}
