package io.spdypush.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acknowledges processed messages cumulatively with as few streams as possible: at most one ack is in flight,
 * it carries the highest seq processed so far, and acks start at most every {@link #MIN_INTERVAL_NANOS}. A
 * server counts every stream against its frame budget (docs/PROTOCOL.md §4), and on a fast link one ack per round
 * trip could be thousands a second, where one cumulative ack a few milliseconds later says the same. Used on
 * the connection's event loop only.
 */
final class AutoAck {

    /** Schedules a task on the connection's event loop. */
    @FunctionalInterface
    interface Later {
        void run(Runnable task, long delayNanos);
    }

    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Logger LOG = Logger.getLogger(AutoAck.class.getName());

    private final LongFunction<CompletableFuture<Long>> sendAck;
    private final Later later;
    private long processedSeq = -1;
    private boolean due;
    private boolean inFlight;
    private boolean flushScheduled;
    private long lastSentNanos = System.nanoTime() - MIN_INTERVAL_NANOS;

    /**
     * @param sendAck opens an ack stream for a seq and returns its result
     * @param later   runs a flush that must wait for the interval
     */
    AutoAck(LongFunction<CompletableFuture<Long>> sendAck, Later later) {
        this.sendAck = sendAck;
        this.later = later;
    }

    /**
     * Notes that a message is processed: the listener has returned for it, or it was dropped as processed on an
     * earlier session.
     */
    void processed(ReceivedMessage message) {
        processedSeq = Math.max(processedSeq, message.seq());
        due |= message.ackRequired();
    }

    /**
     * Sends one ack for everything processed so far, unless one is already on its way or the last one started
     * less than the interval ago, when it is sent at the interval's end (called per read batch).
     */
    void flush() {
        if (!due || inFlight || flushScheduled) {
            return;
        }
        long wait = lastSentNanos + MIN_INTERVAL_NANOS - System.nanoTime();
        if (wait > 0) {
            flushScheduled = true;
            later.run(() -> {
                flushScheduled = false;
                flush();
            }, wait);
            return;
        }
        lastSentNanos = System.nanoTime();
        long seq = processedSeq;
        due = false;
        inFlight = true;
        sendAck.apply(seq).whenComplete((acked, failure) -> {
            inFlight = false;
            if (failure != null) {
                // Not retried: unacknowledged messages come back, flagged as redelivered, on the next session.
                // A session that ends is reported to the listener; only a refused ack is news here.
                Level level = failure instanceof SessionClosedException ? Level.FINE : Level.WARNING;
                LOG.log(level, "auto-ack of seq {0} failed: {1}", new Object[] {seq, failure.getMessage()});
            } else {
                LOG.log(Level.FINE, "acknowledged up to seq {0}", acked);
            }
            flush();
        });
    }
}
