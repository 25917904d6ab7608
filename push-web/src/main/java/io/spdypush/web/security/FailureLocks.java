package io.spdypush.web.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Wrong logins counted under one kind of key (a user name from an address, or an address): a key
 * that gets {@code maxFailures} within {@code window} is locked for {@code lock}. A lock ends by
 * itself, and failures after it count anew. It remembers at most {@code maxTracked} keys,
 * forgetting first those not locked and least recently seen, so that a flood of made-up keys costs
 * bounded memory and does not lift a lock. Not thread-safe: {@link LoginThrottle} guards it.
 */
final class FailureLocks {

    private final int maxFailures;
    private final long windowNanos;
    private final long lockNanos;
    private final int maxTracked;
    /** In access order: the eldest is the one least recently seen. */
    private final LinkedHashMap<String, Failures> tracked = new LinkedHashMap<>(16, 0.75f, true);

    /** What one key did lately. */
    private static final class Failures {
        /** When the latest failures happened, a ring of {@code maxFailures}: {@code next} is the oldest once full. */
        private final long[] times;
        private int next;
        private int recorded;
        private boolean locked;
        private long lockedUntil;

        Failures(int maxFailures) {
            times = new long[maxFailures];
        }

        boolean lockedAt(long now) {
            return locked && lockedUntil - now > 0;
        }
    }

    FailureLocks(int maxFailures, Duration window, Duration lock, int maxTracked) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.lockNanos = lock.toNanos();
        this.maxTracked = maxTracked;
    }

    /** How much longer {@code key} is locked at {@code now}, or empty when it is not. */
    Optional<Duration> lockedFor(String key, long now) {
        Failures failures = tracked.get(key);
        if (failures == null || !failures.lockedAt(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(failures.lockedUntil - now));
    }

    /** Counts a failure of {@code key}; whether it locked the key, for the one log line an operator wants. */
    boolean failed(String key, long now) {
        Failures failures = tracked.get(key);
        if (failures != null && failures.lockedAt(now)) {
            return false; // checked by another request that raced the lock: counted already
        }
        if (failures == null || failures.locked) {
            if (failures == null) {
                makeRoom(now);
            }
            failures = new Failures(maxFailures);
            tracked.put(key, failures);
        }
        failures.times[failures.next] = now;
        failures.next = (failures.next + 1) % maxFailures;
        failures.recorded = Math.min(failures.recorded + 1, maxFailures);
        if (failures.recorded == maxFailures && now - failures.times[failures.next] <= windowNanos) {
            failures.locked = true;
            failures.lockedUntil = now + lockNanos;
            return true;
        }
        return false;
    }

    void forget(String key) {
        tracked.remove(key);
    }

    int tracked() {
        return tracked.size();
    }

    /** Forgets one key when full: the least recently seen that is not locked, else the least recently seen. */
    private void makeRoom(long now) {
        if (tracked.size() < maxTracked) {
            return;
        }
        for (Iterator<Map.Entry<String, Failures>> keys = tracked.entrySet().iterator(); keys.hasNext(); ) {
            if (!keys.next().getValue().lockedAt(now)) {
                keys.remove();
                return;
            }
        }
        Iterator<String> eldest = tracked.keySet().iterator();
        eldest.next();
        eldest.remove();
    }
}
