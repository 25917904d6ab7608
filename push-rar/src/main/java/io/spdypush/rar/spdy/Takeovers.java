package io.spdypush.rar.spdy;

import java.util.concurrent.TimeUnit;

/**
 * How often a client's sessions were taken over in the current minute, against the limit of {@link #MAX} a minute
 * (docs/PROTOCOL.md §2): one token reconnecting in a loop would otherwise keep replacing sessions, each with its
 * events and, until it is closed, its place among the sessions online. The minute starts with its first takeover.
 * In a cluster the count goes with the client to its next home ({@link ClientHandOff}), so that two clients of one
 * id on two nodes are held to the limit as on one. Not thread-safe: {@link ClientState} guards it.
 */
final class Takeovers {

    /** Sessions that may take over from one online within {@link #WINDOW_NANOS}. */
    static final int MAX = 10;
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** The count of a minute that began {@code windowAgeMillis} ago, as one node hands it to another. */
    record Carried(int count, long windowAgeMillis) {
        static final Carried NONE = new Carried(0, 0);
    }

    private long windowStart;
    private int count;

    /**
     * Counts a takeover and tells whether it is within {@link #MAX} a minute.
     *
     * @return the seconds until another takeover is allowed, or 0 when this one is
     */
    long waitSeconds(long nowNanos) {
        if (count == 0 || nowNanos - windowStart >= WINDOW_NANOS) {
            windowStart = nowNanos;
            count = 0;
        }
        if (count >= MAX) {
            return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(WINDOW_NANOS - (nowNanos - windowStart)));
        }
        count++;
        return 0;
    }

    Carried carried(long nowNanos) {
        long age = nowNanos - windowStart;
        return count == 0 || age >= WINDOW_NANOS ? Carried.NONE
                : new Carried(count, TimeUnit.NANOSECONDS.toMillis(age));
    }

    /**
     * Goes on with the minute another node counted; a count of its own that is higher stays, and so does a minute
     * said to be over (a window of that age would never end in {@link #waitSeconds}'s arithmetic).
     */
    void resume(Carried carried, long nowNanos) {
        boolean stillRunning = carried.windowAgeMillis() < TimeUnit.NANOSECONDS.toMillis(WINDOW_NANOS);
        if (stillRunning && carried.count() > carried(nowNanos).count()) {
            count = carried.count();
            windowStart = nowNanos - TimeUnit.MILLISECONDS.toNanos(carried.windowAgeMillis());
        }
    }
}
