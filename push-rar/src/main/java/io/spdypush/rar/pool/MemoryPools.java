package io.spdypush.rar.pool;

import io.spdypush.api.MemoryPoolStats;

import java.util.List;

/**
 * The adapter's four pools, named after the lifetime of what they hold: {@code server}
 * (messages to topics or to everyone, shared by many sessions), {@code session} (the packet headers a
 * connection is writing), {@code stream} (request and reply bodies, pushed sub-resources) and {@code message}
 * (a message to one client, until it is acknowledged or expires). Each reuses its own freed arrays and has
 * its own cap.
 */
public record MemoryPools(MemoryPool server, MemoryPool session, MemoryPool stream, MemoryPool message) {

    public List<MemoryPoolStats> stats() {
        return List.of(server.stats(), session.stats(), stream.stats(), message.stats());
    }
}
