package io.spdypush.rar.statistics;

import io.spdypush.api.LatencySummary;
import io.spdypush.api.MessageCounts;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what becomes of the adapter's message copies since it started, and how long the
 * acknowledged ones took, for the status and the metrics. Called on event loops and senders'
 * threads alike, so every count is a {@link LongAdder} and latencies go to a wait-free recorder:
 * nothing here blocks or allocates.
 */
public final class MessageStatistics {

    private final LongAdder accepted = new LongAdder();
    private final Map<RefusalKind, LongAdder> refused = new EnumMap<>(RefusalKind.class);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder collapsed = new LongAdder();
    private final DeliveryLatency deliveryLatency = new DeliveryLatency();

    public MessageStatistics() {
        for (RefusalKind kind : RefusalKind.values()) {
            refused.put(kind, new LongAdder());
        }
    }

    public void countAccepted() {
        accepted.increment();
    }

    public void countRefused(RefusalKind kind) {
        refused.get(kind).increment();
    }

    public void countSent(int packets) {
        sent.add(packets);
    }

    public void countAcknowledged(int copies) {
        acknowledged.add(copies);
    }

    public void countExpired() {
        expired.increment();
    }

    public void countCollapsed() {
        collapsed.increment();
    }

    /** The time from a copy's accept into its outbox to its acknowledgement. */
    public void recordDeliveryLatency(long nanos) {
        deliveryLatency.record(nanos);
    }

    /** The counts now; every refusal kind is there, with 0 when none happened. */
    public MessageCounts counts() {
        Map<String, Long> refusedByKind = new TreeMap<>();
        refused.forEach((kind, count) -> refusedByKind.put(KindLabels.of(kind), count.sum()));
        return new MessageCounts(accepted.sum(), refusedByKind, sent.sum(), acknowledged.sum(), expired.sum(),
                collapsed.sum());
    }

    public LatencySummary deliveryLatency() {
        return deliveryLatency.summary();
    }
}
