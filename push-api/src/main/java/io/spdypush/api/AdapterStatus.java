package io.spdypush.api;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the running adapter. Counts "since start" begin at zero each time the adapter starts.
 *
 * @param bindAddress     the address the SPDY listener is bound to
 * @param spdyPort        the SPDY port
 * @param sessionsOnline  SPDY sessions whose push stream is open
 * @param sessionsOpened  push sessions opened since start
 * @param sessionsClosed  push sessions closed since start
 * @param connections     open TCP connections, with or without a push stream
 * @param pendingMessages messages accepted but not yet acknowledged, all clients together
 * @param largestOutbox   the messages pending in the fullest outbox
 * @param topics          topics with at least one subscribed session
 * @param messages        what became of the message copies since start
 * @param deliveryLatency from accept to acknowledgement, of the copies acknowledged since start
 * @param badInput        refused or dropped input since start, by kind (e.g. {@code bad-token})
 * @param memoryPools     the figures of the adapter's memory pools, one per lifecycle
 * @param listening       whether the SPDY listener is bound and accepting connections
 */
public record AdapterStatus(String bindAddress, int spdyPort, int sessionsOnline, long sessionsOpened,
                            long sessionsClosed, int connections, long pendingMessages, int largestOutbox,
                            int topics, MessageCounts messages, LatencySummary deliveryLatency,
                            Map<String, Long> badInput, List<MemoryPoolStats> memoryPools, boolean listening) {

    public AdapterStatus {
        badInput = Map.copyOf(badInput);
        memoryPools = List.copyOf(memoryPools);
    }
}
