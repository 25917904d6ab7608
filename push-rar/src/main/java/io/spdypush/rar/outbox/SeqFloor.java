package io.spdypush.rar.outbox;

/**
 * Where a new outbox starts numbering, so that seqs stay strictly increasing per client id
 * across restarts and redeploys without storing a counter (docs/PROTOCOL.md §2): a new outbox starts
 * above the clock in milliseconds times 1024, which any earlier outbox of the same client can
 * only have reached by giving it more than 1024 messages per millisecond over its whole life.
 * The values stay below 2^53 until the year 2248, so they survive a trip through JSON numbers.
 */
public final class SeqFloor {

    private static final int SEQS_PER_MILLISECOND = 1024;

    private SeqFloor() {
    }

    public static long at(long epochMillis) {
        return epochMillis * SEQS_PER_MILLISECOND;
    }
}
