package io.spdypush.rar.pool;

import io.netty.util.internal.CleanableDirectBuffer;
import io.netty.util.internal.PlatformDependent;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The blocks of direct memory one pool keeps for reuse, a bounded lock-free queue per size class: at most
 * {@link #KEPT_BYTES_PER_CLASS} bytes of free blocks of each class (about 10 MiB a pool when every class is
 * full), so that what a burst freed serves the next one and what is beyond is freed at once. A queue is made
 * when its class is first freed. Thread-safe.
 */
final class FreeBlocks {

    static final int KEPT_BYTES_PER_CLASS = 256 * 1024;

    private final AtomicReferenceArray<Queue<CleanableDirectBuffer>> byClass =
            new AtomicReferenceArray<>(SizeClasses.COUNT);

    /** A free block of class {@code index}, or null when none is kept. */
    CleanableDirectBuffer take(int index) {
        Queue<CleanableDirectBuffer> free = byClass.get(index);
        return free == null ? null : free.poll();
    }

    /** Keeps {@code block}, of class {@code index}, for reuse; false when as many bytes of its class are kept. */
    boolean give(int index, CleanableDirectBuffer block) {
        Queue<CleanableDirectBuffer> free = byClass.get(index);
        if (free == null) {
            int blocks = Math.max(1, KEPT_BYTES_PER_CLASS / SizeClasses.sizeOf(index));
            byClass.compareAndSet(index, null, PlatformDependent.newFixedMpmcQueue(blocks));
            free = byClass.get(index);
        }
        return free.offer(block);
    }
}
