package io.spdypush.ejb.delivery;

import io.spdypush.ejb.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the sends have found of the database of the stored messages lately, so that an outage costs neither a
 * log line nor a connection attempt per send:
 * <ul>
 *   <li>after a failure, sends are refused at once for a back-off (1 s, then 2 s while the failures go on; less
 *   than the REST API's Retry-After, so that the database has been tried again when the senders come back),
 *   without reaching the database, whose pool and persistence
 *   provider would log a stack trace for every attempt; then one send tries the database again, and the others
 *   are refused for another back-off unless it succeeds;</li>
 *   <li>the operator reads one line when the refusals begin and then at most one a minute with their count.</li>
 * </ul>
 * Thread-safe.
 */
@ApplicationScoped
public class StoreFailures {

    private static final Logger LOG = Logger.getLogger(StoreFailures.class.getName());
    private static final long LINE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long FIRST_BACK_OFF_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long LONGEST_BACK_OFF_NANOS = Duration.ofSeconds(2).toNanos();

    private final LongSupplier nanoClock;
    private final AtomicLong refusedSinceLine = new AtomicLong();
    private long lastLineNanos;
    private boolean logged;
    /** Null while the database takes the sends: read without the lock on every send. */
    private volatile Exception lastFailure;
    private long backOffNanos;
    private long refusingUntilNanos;

    public StoreFailures() {
        this(System::nanoTime);
    }

    StoreFailures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Lets a send try the database, or refuses it while the back-off after a failure runs. The first send after
     * the back-off tries, and starts another back-off for the others, which its success ends.
     *
     * @throws StoreUnavailableException when the send may not try
     */
    void beforeTrying() {
        if (lastFailure == null) {
            return;
        }
        Exception failure;
        synchronized (this) {
            failure = lastFailure;
            long now = nanoClock.getAsLong();
            if (failure == null || now - refusingUntilNanos >= 0) {
                refusingUntilNanos = now + backOffNanos;
                return;
            }
        }
        refused(failure);
        throw new StoreUnavailableException(failure);
    }

    /** Why sends are refused now, or empty while the database takes them. */
    public Optional<String> outage() {
        Exception failure = lastFailure;
        return failure == null ? Optional.empty() : Optional.of(String.valueOf(failure));
    }

    /** The database took a send: the refusals, if any, are over. */
    void succeeded() {
        if (lastFailure == null) {
            return;
        }
        synchronized (this) {
            lastFailure = null;
            backOffNanos = 0;
            // The next outage is told of when it begins.
            logged = false;
        }
        LOG.log(Level.INFO, "The message store takes at-least-once sends again; {0} refused since the last line",
                refusedSinceLine.getAndSet(0));
    }

    /** The database failed a send, which is refused: the next are refused at once for a while. */
    public void failed(Exception cause) {
        synchronized (this) {
            lastFailure = cause;
            backOffNanos = backOffNanos == 0 ? FIRST_BACK_OFF_NANOS : Math.min(2 * backOffNanos,
                    LONGEST_BACK_OFF_NANOS);
            refusingUntilNanos = nanoClock.getAsLong() + backOffNanos;
        }
        refused(cause);
    }

    /** Counts a send refused for {@code cause}, and logs when the last line is a minute old. */
    private void refused(Exception cause) {
        refusedSinceLine.incrementAndGet();
        long now = nanoClock.getAsLong();
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
