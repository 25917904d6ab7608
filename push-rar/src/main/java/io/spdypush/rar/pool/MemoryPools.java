package io.spdypush.rar.pool;

import io.spdypush.api.MemoryPoolStats;

import java.util.List;

/**
 * The adapter's four pools, named after the lifetime of what they hold: {@code server}
 * (payloads shared by many sessions), {@code session} (one connection's write queue),
 * {@code stream} (request and reply bodies, pushed sub-resources) and {@code message}
 * (an encoded message until it is acknowledged or expires).
 */
public record MemoryPools(MemoryPool server, MemoryPool session, MemoryPool stream, MemoryPool message) {

    public static MemoryPools create() {
        return new MemoryPools(new MemoryPool("server"), new MemoryPool("session"),
                new MemoryPool("stream"), new MemoryPool("message"));
    }

    public List<MemoryPoolStats> stats() {
        return List.of(server.stats(), session.stats(), stream.stats(), message.stats());
    }
}
