package io.spdypush.api;

/**
 * The figures of one of the adapter's memory pools (server, session, stream, message: README, "Memory pools"),
 * since the adapter started.
 *
 * @param name           the lifecycle: {@code server}, {@code session}, {@code stream} or {@code message}
 * @param capBytes       the live bytes over which the pool refuses new work
 * @param buffers        buffers taken in total
 * @param allocatedBytes bytes of new blocks allocated in total (a reused block is not counted again)
 * @param liveBytes      bytes of the blocks in use now
 * @param peakBytes      the highest {@code liveBytes} seen
 * @param reused         buffers given a block that an earlier buffer had freed
 * @param refused        buffers or new work refused because the pool was at its cap
 * @param reclaimed      buffers that were still held when their owner ended, released by the pool
 */
public record MemoryPoolStats(String name, long capBytes, long buffers, long allocatedBytes, long liveBytes,
                              long peakBytes, long reused, long refused, long reclaimed) {
}
