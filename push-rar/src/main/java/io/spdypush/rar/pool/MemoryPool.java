package io.spdypush.rar.pool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.spdypush.api.MemoryPoolStats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffers of one lifecycle (the server's, a session's, a stream's or a message's): it counts the
 * bytes allocated, live and at peak. Buffers taken through a {@link Scope} belong to one owner;
 * when the owner ends, whatever it still holds is released and counted as reclaimed, so a leak
 * is caught and shown, never kept. Thread-safe.
 */
public final class MemoryPool {

    private final String name;
    private final AtomicLong allocatedBytes = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();

    public MemoryPool(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A buffer of exactly {@code capacity} bytes, counted live until its last release. */
    public ByteBuf buffer(int capacity) {
        return new PoolBuffer(this, capacity);
    }

    /** A scope for the buffers of one owner (a stream, a session), swept when the owner ends. */
    public Scope openScope() {
        return new Scope();
    }

    /** The bytes held now, as {@link #stats()} says, without building the stats. */
    public long liveBytes() {
        return liveBytes.get();
    }

    public MemoryPoolStats stats() {
        return new MemoryPoolStats(name, allocatedBytes.get(), liveBytes.get(), peakBytes.get(), reclaimed.get());
    }

    private void allocated(int bytes) {
        allocatedBytes.addAndGet(bytes);
        peakBytes.accumulateAndGet(liveBytes.addAndGet(bytes), Math::max);
    }

    private void freed(int bytes) {
        liveBytes.addAndGet(-bytes);
    }

    /** The buffers one owner took; not thread-safe, like the owner (one event loop). */
    public final class Scope implements AutoCloseable {

        private final List<ByteBuf> taken = new ArrayList<>(2);

        public ByteBuf buffer(int capacity) {
            taken.removeIf(buffer -> buffer.refCnt() == 0);
            ByteBuf buffer = MemoryPool.this.buffer(capacity);
            taken.add(buffer);
            return buffer;
        }

        /** Releases what the owner still holds, counting each such buffer as reclaimed. */
        @Override
        public void close() {
            for (ByteBuf buffer : taken) {
                int references = buffer.refCnt();
                if (references > 0) {
                    // Freed before counted, so that whoever sees it reclaimed sees its bytes gone too.
                    buffer.release(references);
                    reclaimed.incrementAndGet();
                }
            }
            taken.clear();
        }
    }

    /** A heap buffer that reports its capacity to the pool when allocated and when freed. */
    private static final class PoolBuffer extends UnpooledHeapByteBuf {

        private final MemoryPool pool;
        private final int size;

        PoolBuffer(MemoryPool pool, int capacity) {
            super(UnpooledByteBufAllocator.DEFAULT, capacity, capacity);
            this.pool = pool;
            this.size = capacity;
            pool.allocated(capacity);
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            pool.freed(size);
        }
    }
}
