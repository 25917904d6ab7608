package io.spdypush.web.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds the password checks (a PBKDF2 each, a fraction of a second of one core) that run at once
 * in the server, so that wrong logins from many addresses take at most that many cores: a login
 * that finds every permit taken is refused at once, its password unchecked. Waiting for a permit
 * would only hold a request thread while the queue grows. Refusals are logged in one line when they
 * begin and then at most one line a minute with their number, never one a request. Thread-safe.
 */
final class PasswordChecks {

    /** How long the client is asked to wait: one check takes less. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(PasswordChecks.class.getName());
    private static final long LINE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final int maxConcurrent;
    private final String property;
    private final Semaphore permits;
    private final LongSupplier nanoTime;
    private final AtomicLong refusedSinceLine = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Guarded by {@code this}. */
    private long lastLine;
    private boolean logged;

    /**
     * @param maxConcurrent checks that may run at once; at least 1
     * @param property      the setting of {@code maxConcurrent}, named in the log line
     * @param nanoTime      the clock, {@code System::nanoTime} but in tests
     */
    PasswordChecks(int maxConcurrent, String property, LongSupplier nanoTime) {
        this.maxConcurrent = maxConcurrent;
        this.property = property;
        this.permits = new Semaphore(maxConcurrent);
        this.nanoTime = nanoTime;
    }

    /** Takes a permit for one check, or counts a refusal; a {@code true} must be followed by {@link #finish}. */
    boolean tryStart() {
        if (permits.tryAcquire()) {
            return true;
        }
        refused.incrementAndGet();
        refusedSinceLine.incrementAndGet();
        logAtMostOnceAMinute();
        return false;
    }

    void finish() {
        permits.release();
    }

    /** Logins refused since the start for want of a permit; for tests. */
    long refused() {
        return refused.get();
    }

    private void logAtMostOnceAMinute() {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            if (logged && now - lastLine < LINE_EVERY_NANOS) {
                return;
            }
            logged = true;
            lastLine = now;
        }
        LOG.log(Level.WARNING, "Refusing logins (429) without checking their passwords: as many checks as may run"
                + " at once, {1}, are running ({2}); {0} refused since the last such line, at most one a minute",
                new Object[]{refusedSinceLine.getAndSet(0), maxConcurrent, property});
    }
}
