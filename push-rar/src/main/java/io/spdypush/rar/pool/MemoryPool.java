package io.spdypush.rar.pool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.util.internal.CleanableDirectBuffer;
import io.netty.util.internal.PlatformDependent;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.rar.log.OccasionalWarning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The buffers of one lifecycle (the server's, a session's, a stream's or a message's), in direct memory, so that
 * what they hold goes to the socket as it is, never copied into another buffer per recipient (a heap buffer is
 * copied into direct memory on every write). A buffer's block goes back to the pool when its last reference is
 * released and is handed out again to the next buffer of its size class ({@link SizeClasses}, {@link
 * FreeBlocks}); each lifecycle reuses its own blocks, so what a long-lived message holds never pins what
 * streams churn through. The pool counts the bytes allocated, live (blocks in use, by their length) and at
 * peak, the buffers taken, reused and refused, and keeps its live bytes under a cap: new work that would go
 * over is refused ({@link #bufferWithinCap}, {@link #admitsNewWork}) with a reason naming the setting, while
 * what was already accepted (a message restored or handed over, the packet headers of accepted messages) is
 * always given its buffer, as refusing it would lose it. Buffers taken through a {@link Scope} belong to one
 * owner; when the owner ends, whatever it still holds is released and counted as reclaimed, so a leak is
 * caught and shown, never kept. Thread-safe.
 */
public final class MemoryPool {

    private final String name;
    private final long capBytes;
    private final boolean reuse;
    private final FreeBlocks free = new FreeBlocks();
    private final AtomicLong buffers = new AtomicLong();
    private final AtomicLong allocatedBytes = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();
    private final OccasionalWarning refusing = new OccasionalWarning(Logger.getLogger(MemoryPool.class.getName()),
            "Refused new work {0,number,#} times since the last such line (at most one a minute): {1}");

    /**
     * @param name     the lifecycle, which also names the cap's setting: {@code <name>PoolMaxBytes}
     * @param capBytes the live bytes over which new work is refused
     * @param reuse    whether freed blocks are kept for reuse; false allocates every buffer anew and frees it
     *                 when released (to measure what reuse saves)
     */
    public MemoryPool(String name, long capBytes, boolean reuse) {
        if (capBytes < 1) {
            throw new IllegalArgumentException(capProperty(name) + " " + capBytes + " must be at least 1");
        }
        this.name = name;
        this.capBytes = capBytes;
        this.reuse = reuse;
    }

    public String name() {
        return name;
    }

    /** The resource adapter config property that sets this pool's cap. */
    public String capProperty() {
        return capProperty(name);
    }

    /**
     * A buffer of at least {@code capacity} bytes (and a fixed capacity) for what was already accepted; it may
     * take the pool over its cap.
     */
    public ByteBuf buffer(int capacity) {
        int length = blockLength(capacity);
        peakBytes.accumulateAndGet(liveBytes.addAndGet(length), Math::max);
        return new PoolBuffer(this, block(length));
    }

    /** A buffer for new work, or null (counted as refused) when it would take the pool over its cap. */
    public ByteBuf bufferWithinCap(int capacity) {
        int length = blockLength(capacity);
        if (!reserve(length)) {
            refuse();
            return null;
        }
        return new PoolBuffer(this, block(length));
    }

    /**
     * Whether work that will take this pool's buffers (a new session, say) may begin: false, counted as
     * refused, once the pool is at its cap.
     */
    public boolean admitsNewWork() {
        if (liveBytes.get() < capBytes) {
            return true;
        }
        refuse();
        return false;
    }

    /** Why this pool refuses new work, for the sender or the log. */
    public String fullReason() {
        return "the " + name + " memory pool holds " + liveBytes.get() + " bytes, at its cap of " + capBytes
                + " (" + capProperty() + ")";
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
        return new MemoryPoolStats(name, capBytes, buffers.get(), allocatedBytes.get(), liveBytes.get(),
                peakBytes.get(), reused.get(), refused.get(), reclaimed.get());
    }

    private void refuse() {
        refused.incrementAndGet();
        refusing.occurred(fullReason());
    }

    private static String capProperty(String name) {
        return name + "PoolMaxBytes";
    }

    /** The length of the block that a buffer of {@code capacity} bytes gets: its size class's, if it has one. */
    private static int blockLength(int capacity) {
        return capacity > SizeClasses.LARGEST ? capacity : SizeClasses.sizeOf(SizeClasses.indexOf(capacity));
    }

    /** A kept block of {@code length} bytes, else a new one. */
    private CleanableDirectBuffer block(int length) {
        buffers.incrementAndGet();
        CleanableDirectBuffer kept = reuse && length <= SizeClasses.LARGEST
                ? free.take(SizeClasses.indexOf(length)) : null;
        if (kept != null) {
            reused.incrementAndGet();
            return kept;
        }
        allocatedBytes.addAndGet(length);
        return PlatformDependent.allocateDirect(length);
    }

    private boolean reserve(int bytes) {
        long live;
        do {
            live = liveBytes.get();
            if (live + bytes > capBytes) {
                return false;
            }
        } while (!liveBytes.compareAndSet(live, live + bytes));
        peakBytes.accumulateAndGet(live + bytes, Math::max);
        return true;
    }

    private void freed(CleanableDirectBuffer block) {
        int length = block.buffer().capacity();
        liveBytes.addAndGet(-length);
        boolean kept = reuse && length <= SizeClasses.LARGEST && free.give(SizeClasses.indexOf(length), block);
        if (!kept) {
            block.clean();
        }
    }

    /** The buffers one owner took; not thread-safe, like the owner (one event loop). */
    public final class Scope implements AutoCloseable {

        private final List<ByteBuf> taken = new ArrayList<>(2);

        /** As {@link MemoryPool#bufferWithinCap}: null when the pool is at its cap. */
        public ByteBuf bufferWithinCap(int capacity) {
            taken.removeIf(buffer -> buffer.refCnt() == 0);
            ByteBuf buffer = MemoryPool.this.bufferWithinCap(capacity);
            if (buffer != null) {
                taken.add(buffer);
            }
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

    /**
     * A direct buffer on a block of the pool, which goes back to it when the last reference is released. Its
     * capacity is fixed: it never trades its block for another.
     */
    private static final class PoolBuffer extends UnpooledDirectByteBuf {

        private final MemoryPool pool;
        private final CleanableDirectBuffer block;

        PoolBuffer(MemoryPool pool, CleanableDirectBuffer block) {
            // Netty's constructor for memory it does not own: deallocate() leaves the block to the pool.
            super(UnpooledByteBufAllocator.DEFAULT, block.buffer(), block.buffer().capacity());
            this.pool = pool;
            this.block = block;
            clear();
        }

        @Override
        public ByteBuf capacity(int newCapacity) {
            if (newCapacity != capacity()) {
                throw new UnsupportedOperationException("a pool buffer keeps its capacity of " + capacity());
            }
            return this;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            pool.freed(block);
        }
    }
}
