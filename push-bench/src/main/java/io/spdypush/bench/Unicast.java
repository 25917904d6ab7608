package io.spdypush.bench;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Messages to individual clients, sent by a {@link UnicastSender}: at the highest rate a fixed number of
 * concurrent senders reach (closed loop), and at a fixed rate (open loop). Measures, in microseconds, send
 * to receipt and send to acknowledgement on the fleet's clients, and takes the send calls' times from the
 * sender.
 */
final class Unicast implements Fleet.Receipts {

    /**
     * One measurement's figures. receivedPerSecond counts what arrived while messages were being sent: a
     * sender faster than the push (an asynchronous send call only queues) would otherwise be credited
     * with its backlog.
     */
    record Result(String mode, double offeredPerSecond, double receivedPerSecond, long sent, long received,
                  long refused, Histogram receipt, Histogram ack, Histogram calls) {
    }

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final long HIGHEST_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final Fleet fleet;
    private final UnicastSender sender;
    private final Map<Fleet.Client, ArrayDeque<long[]>> unacked = new HashMap<>();
    private ConcurrentHistogram receipt;
    private ConcurrentHistogram ack;
    private final AtomicLong received = new AtomicLong();
    /** When each message arrived, in milliseconds since the measurement began. */
    private ConcurrentHistogram arrivals;
    private volatile long beganNanos;

    Unicast(Fleet fleet, UnicastSender sender) {
        this.fleet = fleet;
        this.sender = sender;
        for (Fleet.Client client : fleet.clients()) {
            unacked.put(client, new ArrayDeque<>());
        }
        fleet.receipts = this;
    }

    @Override
    public void onReceipt(Fleet.Client client, long seq, long sentNanos, long receivedNanos) {
        received.incrementAndGet();
        arrivals.recordValue(Math.max(0, Math.min(HIGHEST_MILLIS, (receivedNanos - beganNanos) / 1_000_000)));
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
        received.set(0);
        arrivals = new ConcurrentHistogram(HIGHEST_MILLIS, 3);
        beganNanos = System.nanoTime();
        fleet.reset(1);
        unacked.values().forEach(waiting -> {
            synchronized (waiting) {
                waiting.clear();
            }
        });
    }

    Result atMaximum(int concurrency, int seconds) throws InterruptedException {
        begin();
        UnicastSender.Sent sent = sender.atMaximum(fleet.clients(), concurrency, seconds);
        return result("max", sent.sent() * 1e9 / sent.elapsedNanos(), sent);
    }

    Result atRate(double perSecond, int seconds) throws InterruptedException {
        begin();
        return result("fixed", perSecond, sender.atRate(fleet.clients(), perSecond, seconds));
    }

    private Result result(String mode, double offered, UnicastSender.Sent sent) throws InterruptedException {
        drain(sent.sent() - sent.refused());
        long windowEndMillis = (sent.startNanos() + sent.elapsedNanos() - beganNanos) / 1_000_000;
        long receivedInWindow = arrivals.getCountBetweenValues(0, windowEndMillis);
        return new Result(mode, offered, receivedInWindow * 1e9 / sent.elapsedNanos(), sent.sent(),
                received.get(),
                sent.refused(), receipt.copy(), ack.copy(), sent.calls());
    }

    /** Waits for the messages still on their way, so that the next measurement starts from empty queues. */
    private void drain(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
