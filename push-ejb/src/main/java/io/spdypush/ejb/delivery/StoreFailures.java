package io.spdypush.ejb.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the operator that sends are refused because the database of the stored messages is away: one line
 * when it begins and then at most one a minute with the count, never one per send, however many senders
 * retry meanwhile. Thread-safe.
 */
@ApplicationScoped
public class StoreFailures {

    private static final Logger LOG = Logger.getLogger(StoreFailures.class.getName());
    private static final long LINE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final AtomicLong refusedSinceLine = new AtomicLong();
    private long lastLineNanos;
    private boolean logged;

    /** Counts a send refused for {@code cause}, and logs when the last line is a minute old. */
    void refused(Exception cause) {
        refusedSinceLine.incrementAndGet();
        long now = System.nanoTime();
        synchronized (this) {
            if (logged && now - lastLineNanos < LINE_EVERY_NANOS) {
                return;
            }
            logged = true;
            lastLineNanos = now;
        }
        LOG.log(Level.WARNING, "Refusing at-least-once sends (503): the message store is unavailable; {0} refused"
                + " since the last such line, at most one a minute: {1}", new Object[]{refusedSinceLine.getAndSet(0),
                String.valueOf(cause)});
    }
}
