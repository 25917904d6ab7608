package io.spdypush.rar.spdy;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The client ids whose state was evicted after a session of theirs took messages, so that a message
 * handed back after a restart does not go under its old seq to a client whose acknowledgements since
 * may cover that seq without it having had the message ({@link io.spdypush.rar.outbox.Outbox#acceptAgain}).
 * A fixed set of bits, one per hash of a client id, however many clients come and go: a client id may
 * find the bit of another set (its message then gets a new seq, as a new message would), but never
 * finds its own clear once marked. Thread-safe, lock-free.
 */
final class TakenBeforeEviction {

    /** 2^20 bits, 128 KiB: few false marks while up to some 100,000 such clients were evicted. */
    private static final int BITS = 1 << 20;

    private final AtomicLongArray words = new AtomicLongArray(BITS / Long.SIZE);

    void mark(String clientId) {
        int bit = bit(clientId);
        words.getAndAccumulate(bit / Long.SIZE, 1L << (bit % Long.SIZE), (word, set) -> word | set);
    }

    /** Whether the state of {@code clientId} may have been evicted after a session took messages. */
    boolean mayInclude(String clientId) {
        int bit = bit(clientId);
        return (words.get(bit / Long.SIZE) & (1L << (bit % Long.SIZE))) != 0;
    }

    private static int bit(String clientId) {
        int hash = clientId.hashCode();
        return (hash ^ (hash >>> 16)) & (BITS - 1);
    }
}
