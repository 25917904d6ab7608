package io.spdypush.api;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the running adapter.
 *
 * @param bindAddress     the address the SPDY listener is bound to
 * @param spdyPort        the SPDY port
 * @param sessionsOnline  SPDY sessions whose push stream is open
 * @param connections     open TCP connections, with or without a push stream
 * @param pendingMessages messages accepted but not yet acknowledged, all clients together
 * @param topics          topics with at least one subscribed session
 * @param badInput        refused or dropped input since start, by kind (e.g. {@code bad-token})
 * @param memoryPools     the figures of the adapter's memory pools, one per lifecycle
 */
public record AdapterStatus(String bindAddress, int spdyPort, int sessionsOnline, int connections,
                            long pendingMessages, int topics, Map<String, Long> badInput,
                            List<MemoryPoolStats> memoryPools) {

    public AdapterStatus {
        badInput = Map.copyOf(badInput);
        memoryPools = List.copyOf(memoryPools);
    }
}
