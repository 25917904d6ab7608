package io.spdypush.rar.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A warning that may come thousands of times a second (a full server refusing every new session): logged when
 * it first comes and then at most once a minute, with how often it came meanwhile, so that the log helps the
 * operator rather than filling the disk. Thread-safe.
 */
public final class OccasionalWarning {

    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Logger log;
    private final String message;
    private final LongSupplier nanoClock;
    private final AtomicLong sinceLine = new AtomicLong();
    private long lastLineNanos;
    private boolean logged;

    /** @param message a {@link java.text.MessageFormat} pattern: {0} is the count since the last line (format it {0,number,#}), {1} the detail */
    public OccasionalWarning(Logger log, String message) {
        this(log, message, System::nanoTime);
    }

    OccasionalWarning(Logger log, String message, LongSupplier nanoClock) {
        this.log = log;
        this.message = message;
        this.nanoClock = nanoClock;
    }

    /** Counts one more, and logs when the last line is a minute old; {@code detail} is that of the latest. */
    public void occurred(Object detail) {
        sinceLine.incrementAndGet();
        long now = nanoClock.getAsLong();
        synchronized (this) {
            if (logged && now - lastLineNanos < EVERY_NANOS) {
                return;
            }
            logged = true;
            lastLineNanos = now;
        }
        log.log(Level.WARNING, message, new Object[]{sinceLine.getAndSet(0), detail});
    }
}
