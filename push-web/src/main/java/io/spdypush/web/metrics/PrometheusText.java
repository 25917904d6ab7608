package io.spdypush.web.metrics;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.MessageCounts;
import io.spdypush.ejb.webhook.WebhookStats;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The adapter's status in Prometheus' text exposition format 0.0.4: every metric named
 * {@code spdypush_...}, counters ending in {@code _total}, the delivery latency as a histogram in
 * seconds. Counts since start restart at zero with the adapter, which Prometheus reads as a
 * counter reset. On a node of a cluster every sample has the label {@code node}, the node's data grid address.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(4096);
    /** The node of a cluster, given as the label {@code node} of every sample; empty on a single server. */
    private final String node;

    private PrometheusText(String node) {
        this.node = node;
    }

    /** @param node the node of a cluster whose status this is, labelled {@code node} on every sample; or empty */
    public static String of(AdapterStatus status, String node) {
        PrometheusText metrics = new PrometheusText(node);
        metrics.sessions(status);
        metrics.messages(status);
        metrics.latency(status.deliveryLatency());
        metrics.byLabel("spdypush_bad_input_total", "counter",
                "Input refused or dropped since start, by kind.", "kind", status.badInput());
        metrics.memoryPools(status.memoryPools());
        return metrics.text.toString();
    }

    /**
     * How each webhook is served, labelled {@code webhook} with its id: the events it was sent, dropped, waiting, and
     * its failed calls.
     */
    public static String ofWebhooks(Map<String, WebhookStats> webhooks, String node) {
        PrometheusText metrics = new PrometheusText(node);
        metrics.byWebhook(webhooks, "spdypush_webhook_events_queued", "gauge",
                "Events waiting for the webhook, those of the call in flight included.", WebhookStats::queued);
        metrics.byWebhook(webhooks, "spdypush_webhook_events_delivered_total", "counter",
                "Events the webhook answered 2xx for, since start.", WebhookStats::delivered);
        metrics.byWebhook(webhooks, "spdypush_webhook_calls_failed_total", "counter",
                "Calls to the webhook that failed and are made again later, since start.", WebhookStats::failedCalls);
        metrics.byWebhook(webhooks, "spdypush_webhook_events_dropped_total", "counter",
                "Events not sent to the webhook because its queue was full (spdypush.webhookQueueEvents), since start.",
                WebhookStats::dropped);
        return metrics.text.toString();
    }

    private void byWebhook(Map<String, WebhookStats> webhooks, String name, String type, String help,
                           ToLongFunction<WebhookStats> figure) {
        labelled(name, type, help, "webhook", new TreeMap<>(webhooks), figure);
    }

    private void sessions(AdapterStatus status) {
        single("spdypush_sessions_online", "gauge", "SPDY sessions whose push stream is open.",
                status.sessionsOnline());
        single("spdypush_sessions_opened_total", "counter", "Push sessions opened since start.",
                status.sessionsOpened());
        single("spdypush_sessions_closed_total", "counter", "Push sessions closed since start.",
                status.sessionsClosed());
        single("spdypush_connections", "gauge", "Open TCP connections, with or without a push stream.",
                status.connections());
        single("spdypush_topics", "gauge", "Topics with at least one subscribed session.", status.topics());
    }

    private void messages(AdapterStatus status) {
        MessageCounts counts = status.messages();
        single("spdypush_messages_pending", "gauge",
                "Messages accepted and not yet acknowledged, all outboxes together.", status.pendingMessages());
        single("spdypush_outbox_largest_messages", "gauge", "Messages pending in the fullest outbox.",
                status.largestOutbox());
        single("spdypush_messages_accepted_total", "counter",
                "Message copies put in an outbox since start, one per recipient.", counts.accepted());
        byLabel("spdypush_messages_refused_total", "counter", "Message copies refused since start, by reason.",
                "reason", counts.refused());
        single("spdypush_messages_sent_total", "counter",
                "Push packets written to the wire since start, redeliveries included.", counts.sent());
        single("spdypush_messages_acknowledged_total", "counter",
                "Message copies acknowledged by their client since start.", counts.acknowledged());
        single("spdypush_messages_expired_total", "counter",
                "Message copies that expired in an outbox before they were sent, since start.", counts.expired());
        single("spdypush_messages_collapsed_total", "counter",
                "Message copies replaced by a later one with the same collapse key before they were sent, since start.",
                counts.collapsed());
    }

    private void latency(LatencySummary latency) {
        String name = "spdypush_delivery_latency_seconds";
        header(name, "histogram", "Time from a message copy's accept into its outbox to its acknowledgement,"
                + " of the copies acknowledged since start (not those restored after a restart).");
        for (LatencySummary.Bucket bucket : latency.buckets()) {
            sample(name + "_bucket", "le", seconds(bucket.upperBoundMicros()), Long.toString(bucket.count()));
        }
        sample(name + "_bucket", "le", "+Inf", Long.toString(latency.count()));
        sample(name + "_sum", seconds(latency.sumMicros()));
        sample(name + "_count", Long.toString(latency.count()));
    }

    private void memoryPools(List<MemoryPoolStats> pools) {
        byPool(pools, "spdypush_memory_pool_allocated_bytes_total", "counter",
                "Bytes of new blocks allocated in the pool since start (a reused one is not counted again).", MemoryPoolStats::allocatedBytes);
        byPool(pools, "spdypush_memory_pool_live_bytes", "gauge",
                "Bytes of the pool's blocks in use now.", MemoryPoolStats::liveBytes);
        byPool(pools, "spdypush_memory_pool_peak_bytes", "gauge",
                "The most bytes the pool held at once since start.", MemoryPoolStats::peakBytes);
        byPool(pools, "spdypush_memory_pool_cap_bytes", "gauge",
                "The live bytes over which the pool refuses new work.", MemoryPoolStats::capBytes);
        byPool(pools, "spdypush_memory_pool_buffers_total", "counter",
                "Buffers taken from the pool since start.", MemoryPoolStats::buffers);
        byPool(pools, "spdypush_memory_pool_reused_buffers_total", "counter",
                "Buffers given a block that an earlier buffer of the pool had freed, since start.",
                MemoryPoolStats::reused);
        byPool(pools, "spdypush_memory_pool_refused_total", "counter",
                "Buffers or new work refused because the pool was at its cap, since start.", MemoryPoolStats::refused);
        byPool(pools, "spdypush_memory_pool_reclaimed_buffers_total", "counter",
                "Buffers still held when their owner ended, released by the pool, since start.",
                MemoryPoolStats::reclaimed);
    }

    private void byPool(List<MemoryPoolStats> pools, String name, String type, String help,
                        ToLongFunction<MemoryPoolStats> figure) {
        Map<String, MemoryPoolStats> byName = new LinkedHashMap<>();
        pools.forEach(pool -> byName.put(pool.name(), pool));
        labelled(name, type, help, "pool", byName, figure);
    }

    /** One sample per label value, in the order of the values. */
    private void byLabel(String name, String type, String help, String label, Map<String, Long> values) {
        labelled(name, type, help, label, new TreeMap<>(values), Long::longValue);
    }

    /** One sample per label value, in the map's order, of the figure of what the value labels. */
    private <T> void labelled(String name, String type, String help, String label, Map<String, T> byValue,
                              ToLongFunction<T> figure) {
        header(name, type, help);
        byValue.forEach((value, labelled) -> sample(name, label, value, Long.toString(figure.applyAsLong(labelled))));
    }

    private void single(String name, String type, String help, long value) {
        header(name, type, help);
        sample(name, Long.toString(value));
    }

    private void header(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String value) {
        text.append(name);
        if (!node.isEmpty()) {
            text.append("{node=\"");
            escapeLabelValue(node);
            text.append("\"}");
        }
        text.append(' ').append(value).append('\n');
    }

    private void sample(String name, String label, String labelValue, String value) {
        text.append(name).append('{');
        if (!node.isEmpty()) {
            text.append("node=\"");
            escapeLabelValue(node);
            text.append("\",");
        }
        text.append(label).append("=\"");
        escapeLabelValue(labelValue);
        text.append("\"} ").append(value).append('\n');
    }

    /** The format's escapes inside a label value: backslash, double quote and line feed. */
    private void escapeLabelValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
    }

    /** Microseconds as seconds, exactly and without an exponent: 500 is 0.0005, 10000000 is 10. */
    private static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }
}
