package io.spdypush.rar.pool;

import io.netty.util.internal.PlatformDependent;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The arrays one pool keeps for reuse, a bounded lock-free queue per size class: at most
 * {@link #KEPT_BYTES_PER_CLASS} bytes of free arrays of each class (about 10 MiB a pool when every class is
 * full), so what a burst freed is reused by the next one and what is beyond is left to the garbage
 * collector. A queue is made when its class is first freed. Thread-safe.
 */
final class FreeArrays {

    static final int KEPT_BYTES_PER_CLASS = 256 * 1024;

    private final AtomicReferenceArray<Queue<byte[]>> byClass = new AtomicReferenceArray<>(SizeClasses.COUNT);

    /** A free array of class {@code index}, or null when none is kept. */
    byte[] take(int index) {
        Queue<byte[]> free = byClass.get(index);
        return free == null ? null : free.poll();
    }

    /** Keeps {@code array}, of class {@code index}, for reuse, unless as many bytes of its class are kept. */
    void give(int index, byte[] array) {
        Queue<byte[]> free = byClass.get(index);
        if (free == null) {
            int arrays = Math.max(1, KEPT_BYTES_PER_CLASS / SizeClasses.sizeOf(index));
            byClass.compareAndSet(index, null, PlatformDependent.newFixedMpmcQueue(arrays));
            free = byClass.get(index);
        }
        free.offer(array);
    }
}
