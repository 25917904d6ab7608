package io.spdypush.api;

/**
 * The figures of one of the adapter's memory pools (server, session, stream, message: README, "Metrics"), since
 * the adapter started.
 *
 * @param name           the lifecycle: {@code server}, {@code session}, {@code stream} or {@code message}
 * @param allocatedBytes bytes allocated in total
 * @param liveBytes      bytes allocated and not yet freed
 * @param peakBytes      the highest {@code liveBytes} seen
 * @param reclaimed      buffers that were still held when their owner ended, released by the pool
 */
public record MemoryPoolStats(String name, long allocatedBytes, long liveBytes, long peakBytes, long reclaimed) {
}
