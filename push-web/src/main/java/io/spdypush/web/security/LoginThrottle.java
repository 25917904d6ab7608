package io.spdypush.web.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Slows down guessing passwords over HTTP Basic: a user name that gets {@code maxFailures} wrong
 * passwords from one remote address within {@code window} is refused from that address for
 * {@code lock}, without its password being checked. Counted per user name and address together, so
 * that someone guessing from one address cannot lock the real admin out from another, and a lock
 * ends by itself: refused attempts do not make it longer. It remembers at most {@code maxTracked}
 * pairs, forgetting first those not locked and least recently seen. Thread-safe.
 */
public final class LoginThrottle {

    /** User names are cut to this length in the key, so that long made-up names cost no more memory. */
    static final int NAME_CHARS_KEPT = 64;

    private final int maxFailures;
    private final long windowNanos;
    private final long lockNanos;
    private final int maxTracked;
    private final LongSupplier nanoTime;
    /** In access order: the eldest is the one least recently seen. */
    private final LinkedHashMap<String, Failures> tracked = new LinkedHashMap<>(16, 0.75f, true);

    /** What one user name from one address did lately. */
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

    /**
     * @param maxFailures wrong passwords within {@code window} that lock; at least 1
     * @param window      how far back failures count
     * @param lock        how long a locked pair is refused
     * @param maxTracked  pairs remembered at most; at least 1
     * @param nanoTime    the clock, {@code System::nanoTime} but in tests
     */
    public LoginThrottle(int maxFailures, Duration window, Duration lock, int maxTracked, LongSupplier nanoTime) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.lockNanos = lock.toNanos();
        this.maxTracked = maxTracked;
        this.nanoTime = nanoTime;
    }

    /** How much longer {@code user} is refused from {@code address}, or empty when it may try. */
    public synchronized Optional<Duration> lockedFor(String user, String address) {
        Failures failures = tracked.get(key(user, address));
        long now = nanoTime.getAsLong();
        if (failures == null || !failures.lockedAt(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(failures.lockedUntil - now));
    }

    /**
     * Counts a wrong password of {@code user} from {@code address}.
     *
     * @return whether this failure locked the pair, for the one log line an operator wants
     */
    public synchronized boolean failed(String user, String address) {
        long now = nanoTime.getAsLong();
        String key = key(user, address);
        Failures failures = tracked.get(key);
        if (failures != null && failures.lockedAt(now)) {
            return false; // checked by another request that raced the lock: counted already
        }
        if (failures == null || failures.locked) {
            if (failures == null) {
                makeRoom();
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

    /** The right password: what was counted against the pair is forgotten. */
    public synchronized void succeeded(String user, String address) {
        tracked.remove(key(user, address));
    }

    /** Pairs remembered now; for tests. */
    synchronized int tracked() {
        return tracked.size();
    }

    /** Forgets one pair when full: the least recently seen that is not locked, else the least recently seen. */
    private void makeRoom() {
        if (tracked.size() < maxTracked) {
            return;
        }
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<String, Failures>> pairs = tracked.entrySet().iterator(); pairs.hasNext(); ) {
            if (!pairs.next().getValue().lockedAt(now)) {
                pairs.remove();
                return;
            }
        }
        Iterator<String> eldest = tracked.keySet().iterator();
        eldest.next();
        eldest.remove();
    }

    private static String key(String user, String address) {
        String name = user.length() > NAME_CHARS_KEPT ? user.substring(0, NAME_CHARS_KEPT) : user;
        return address + '\n' + name;
    }
}
