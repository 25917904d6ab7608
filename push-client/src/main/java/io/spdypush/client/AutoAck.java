package io.spdypush.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acknowledges processed messages cumulatively with as few streams as possible: at most one ack is in flight,
 * and it carries the highest seq processed so far. Used on the connection's event loop only.
 */
final class AutoAck {

    private static final Logger LOG = Logger.getLogger(AutoAck.class.getName());

    private final LongFunction<CompletableFuture<Long>> sendAck;
    private long processedSeq = -1;
    private boolean due;
    private boolean inFlight;

    /** @param sendAck opens an ack stream for a seq and returns its result */
    AutoAck(LongFunction<CompletableFuture<Long>> sendAck) {
        this.sendAck = sendAck;
    }

    /**
     * Notes that a message is processed: the listener has returned for it, or it was dropped as processed on an
     * earlier session.
     */
    void processed(ReceivedMessage message) {
        processedSeq = Math.max(processedSeq, message.seq());
        due |= message.ackRequired();
    }

    /** Sends one ack for everything processed so far, unless one is already on its way (called per read batch). */
    void flush() {
        if (!due || inFlight) {
            return;
        }
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
