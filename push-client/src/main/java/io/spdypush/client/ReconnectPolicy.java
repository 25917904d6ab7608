package io.spdypush.client;

import io.spdypush.protocol.ProtocolDefaults;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a client waits before it reconnects (docs/PROTOCOL.md §8): exponential backoff with full jitter. Before the
 * n-th attempt since the last accepted session it waits a random time between zero and
 * {@code min(cap, base × 2^(n-1))}, so that clients cut off together do not all come back together.
 *
 * @param base the longest wait before the first attempt
 * @param cap  the longest wait before any attempt
 */
public record ReconnectPolicy(Duration base, Duration cap) {

    /** Base 1 s, cap 5 min, as docs/PROTOCOL.md §8 says. */
    public static final ReconnectPolicy STANDARD = new ReconnectPolicy(ProtocolDefaults.RECONNECT_BASE,
            ProtocolDefaults.RECONNECT_CAP);

    public ReconnectPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base " + base + " must be a positive duration");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap " + cap + " is below base " + base);
        }
        if (cap.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("cap " + cap + " is above one day");
        }
    }

    /** The longest wait before the given attempt (1 for the first): {@code min(cap, base × 2^(attempt-1))}. */
    Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " is below 1");
        }
        long capNanos = cap.toNanos();
        long ceiling = base.toNanos();
        for (int doubling = 1; doubling < attempt && ceiling < capNanos; doubling++) {
            ceiling = ceiling > capNanos / 2 ? capNanos : ceiling * 2;
        }
        return Duration.ofNanos(Math.min(ceiling, capNanos));
    }

    /** The wait before the given attempt: uniformly random between zero and its {@link #ceiling}, both included. */
    Duration delay(int attempt, RandomGenerator random) {
        return Duration.ofNanos(random.nextLong(ceiling(attempt).toNanos() + 1));
    }
}
