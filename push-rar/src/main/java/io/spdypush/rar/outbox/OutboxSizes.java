package io.spdypush.rar.outbox;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The messages pending in all outboxes of one adapter and the size of the fullest, kept up to date by
 * the outboxes as they change, so that the status reads them without walking every outbox: it counts
 * the outboxes holding each number of messages, up to the per-client limit. Thread-safe, lock-free.
 */
public final class OutboxSizes {

    private final LongAdder pending = new LongAdder();
    /** At index n, how many outboxes hold n messages (the last index: n or more); index 0 is unused. */
    private final AtomicIntegerArray outboxesBySize;
    /** At least the size of the fullest outbox: raised as outboxes grow, never lowered. */
    private final AtomicInteger largestSeen = new AtomicInteger();

    /** @param maxMessages the most messages one outbox holds (outboxMaxMessages) */
    public OutboxSizes(int maxMessages) {
        outboxesBySize = new AtomicIntegerArray(maxMessages + 1);
    }

    /** Messages pending in all outboxes together. */
    public long pendingMessages() {
        return pending.sum();
    }

    /**
     * Messages pending in the fullest outbox: a walk down from the largest size seen to the first size
     * that some outbox has, at most outboxMaxMessages steps however many clients there are.
     */
    public int largestOutbox() {
        int size = largestSeen.get();
        while (size > 0 && outboxesBySize.get(size) == 0) {
            size--;
        }
        return size;
    }

    /** Called by an outbox, under its lock, whose size went from {@code before} to {@code after}. */
    void resized(int before, int after) {
        if (before == after) {
            return;
        }
        pending.add(after - before);
        if (before > 0) {
            outboxesBySize.decrementAndGet(index(before));
        }
        if (after > 0) {
            int index = index(after);
            outboxesBySize.incrementAndGet(index);
            if (index > largestSeen.get()) {
                largestSeen.accumulateAndGet(index, Math::max);
            }
        }
    }

    private int index(int size) {
        return Math.min(size, outboxesBySize.length() - 1);
    }
}
