package io.spdypush.web.metrics;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.MessageCounts;
import io.spdypush.ejb.webhook.WebhookStats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

class PrometheusTextTest {

    @Test
    void rendersEveryFigureOfTheStatusInTheTextFormat() {
        AdapterStatus status = status(new MemoryPoolStats("server", 65536, 40, 4096, 1024, 2048, 30, 0, 0),
                new MemoryPoolStats("message", 131072, 90, 8192, 0, 512, 70, 2, 3));

        assertThat(PrometheusText.of(status, ""), is("""
                # HELP spdypush_sessions_online SPDY sessions whose push stream is open.
                # TYPE spdypush_sessions_online gauge
                spdypush_sessions_online 2
                # HELP spdypush_sessions_opened_total Push sessions opened since start.
                # TYPE spdypush_sessions_opened_total counter
                spdypush_sessions_opened_total 5
                # HELP spdypush_sessions_closed_total Push sessions closed since start.
                # TYPE spdypush_sessions_closed_total counter
                spdypush_sessions_closed_total 3
                # HELP spdypush_connections Open TCP connections, with or without a push stream.
                # TYPE spdypush_connections gauge
                spdypush_connections 4
                # HELP spdypush_topics Topics with at least one subscribed session.
                # TYPE spdypush_topics gauge
                spdypush_topics 1
                # HELP spdypush_messages_pending Messages accepted and not yet acknowledged, all outboxes together.
                # TYPE spdypush_messages_pending gauge
                spdypush_messages_pending 7
                # HELP spdypush_outbox_largest_messages Messages pending in the fullest outbox.
                # TYPE spdypush_outbox_largest_messages gauge
                spdypush_outbox_largest_messages 5
                # HELP spdypush_messages_accepted_total Message copies put in an outbox since start, one per recipient.
                # TYPE spdypush_messages_accepted_total counter
                spdypush_messages_accepted_total 10
                # HELP spdypush_messages_refused_total Message copies refused since start, by reason.
                # TYPE spdypush_messages_refused_total counter
                spdypush_messages_refused_total{reason="outbox-full"} 2
                spdypush_messages_refused_total{reason="payload-too-large"} 0
                # HELP spdypush_messages_sent_total Push packets written to the wire since start, redeliveries included.
                # TYPE spdypush_messages_sent_total counter
                spdypush_messages_sent_total 12
                # HELP spdypush_messages_acknowledged_total Message copies acknowledged by their client since start.
                # TYPE spdypush_messages_acknowledged_total counter
                spdypush_messages_acknowledged_total 8
                # HELP spdypush_messages_expired_total Message copies that expired in an outbox before they were sent, since start.
                # TYPE spdypush_messages_expired_total counter
                spdypush_messages_expired_total 1
                # HELP spdypush_messages_collapsed_total Message copies replaced by a later one with the same collapse key before they were sent, since start.
                # TYPE spdypush_messages_collapsed_total counter
                spdypush_messages_collapsed_total 6
                # HELP spdypush_delivery_latency_seconds Time from a message copy's accept into its outbox to its acknowledgement, of the copies acknowledged since start (not those restored after a restart).
                # TYPE spdypush_delivery_latency_seconds histogram
                spdypush_delivery_latency_seconds_bucket{le="0.0005"} 1
                spdypush_delivery_latency_seconds_bucket{le="0.0025"} 2
                spdypush_delivery_latency_seconds_bucket{le="10"} 3
                spdypush_delivery_latency_seconds_bucket{le="+Inf"} 4
                spdypush_delivery_latency_seconds_sum 31.503
                spdypush_delivery_latency_seconds_count 4
                # HELP spdypush_bad_input_total Input refused or dropped since start, by kind.
                # TYPE spdypush_bad_input_total counter
                spdypush_bad_input_total{kind="bad-token"} 1
                spdypush_bad_input_total{kind="server-full"} 0
                # HELP spdypush_memory_pool_allocated_bytes_total Bytes of new blocks allocated in the pool since start (a reused one is not counted again).
                # TYPE spdypush_memory_pool_allocated_bytes_total counter
                spdypush_memory_pool_allocated_bytes_total{pool="server"} 4096
                spdypush_memory_pool_allocated_bytes_total{pool="message"} 8192
                # HELP spdypush_memory_pool_live_bytes Bytes of the pool's blocks in use now.
                # TYPE spdypush_memory_pool_live_bytes gauge
                spdypush_memory_pool_live_bytes{pool="server"} 1024
                spdypush_memory_pool_live_bytes{pool="message"} 0
                # HELP spdypush_memory_pool_peak_bytes The most bytes the pool held at once since start.
                # TYPE spdypush_memory_pool_peak_bytes gauge
                spdypush_memory_pool_peak_bytes{pool="server"} 2048
                spdypush_memory_pool_peak_bytes{pool="message"} 512
                # HELP spdypush_memory_pool_cap_bytes The live bytes over which the pool refuses new work.
                # TYPE spdypush_memory_pool_cap_bytes gauge
                spdypush_memory_pool_cap_bytes{pool="server"} 65536
                spdypush_memory_pool_cap_bytes{pool="message"} 131072
                # HELP spdypush_memory_pool_buffers_total Buffers taken from the pool since start.
                # TYPE spdypush_memory_pool_buffers_total counter
                spdypush_memory_pool_buffers_total{pool="server"} 40
                spdypush_memory_pool_buffers_total{pool="message"} 90
                # HELP spdypush_memory_pool_reused_buffers_total Buffers given a block that an earlier buffer of the pool had freed, since start.
                # TYPE spdypush_memory_pool_reused_buffers_total counter
                spdypush_memory_pool_reused_buffers_total{pool="server"} 30
                spdypush_memory_pool_reused_buffers_total{pool="message"} 70
                # HELP spdypush_memory_pool_refused_total Buffers or new work refused because the pool was at its cap, since start.
                # TYPE spdypush_memory_pool_refused_total counter
                spdypush_memory_pool_refused_total{pool="server"} 0
                spdypush_memory_pool_refused_total{pool="message"} 2
                # HELP spdypush_memory_pool_reclaimed_buffers_total Buffers still held when their owner ended, released by the pool, since start.
                # TYPE spdypush_memory_pool_reclaimed_buffers_total counter
                spdypush_memory_pool_reclaimed_buffers_total{pool="server"} 0
                spdypush_memory_pool_reclaimed_buffers_total{pool="message"} 3
                """));
    }

    @Test
    void escapesBackslashDoubleQuoteAndLineFeedInLabelValues() {
        AdapterStatus status = status(new MemoryPoolStats("a\\b\"c\nd", 1, 1, 1, 1, 1, 0, 0, 0));

        assertThat(PrometheusText.of(status, ""),
                containsString("spdypush_memory_pool_live_bytes{pool=\"a\\\\b\\\"c\\nd\"} 1\n"));
    }

    @Test
    void aNodeOfAClusterLabelsEverySampleWithItsAddress() {
        String text = PrometheusText.of(status(new MemoryPoolStats("message", 1, 1, 1, 1, 1, 0, 0, 0)), "127.0.0.1:6902");

        assertThat(text, containsString("spdypush_sessions_online{node=\"127.0.0.1:6902\"} 2\n"));
        assertThat(text, containsString("spdypush_memory_pool_live_bytes{node=\"127.0.0.1:6902\",pool=\"message\"} 1\n"));
        assertThat(text, containsString("spdypush_delivery_latency_seconds_bucket{node=\"127.0.0.1:6902\",le=\"+Inf\"} 4\n"));
        text.lines().filter(line -> !line.startsWith("#"))
                .forEach(line -> assertThat(line, containsString("{node=\"127.0.0.1:6902\"")));
    }

    @Test
    void eachWebhookHasItsCountersLabelledWithItsId() {
        String text = PrometheusText.ofWebhooks(Map.of(
                "orders", new WebhookStats(3, 120, 2, 0, "HTTP 500", null),
                "audit", new WebhookStats(10000, 5, 40, 731, "java.net.ConnectException", null)), "");

        assertThat(text, containsString("# TYPE spdypush_webhook_events_dropped_total counter\n"
                + "spdypush_webhook_events_dropped_total{webhook=\"audit\"} 731\n"
                + "spdypush_webhook_events_dropped_total{webhook=\"orders\"} 0\n"));
        assertThat(text, containsString("spdypush_webhook_events_queued{webhook=\"audit\"} 10000\n"));
        assertThat(text, containsString("spdypush_webhook_events_delivered_total{webhook=\"orders\"} 120\n"));
        assertThat(text, containsString("spdypush_webhook_calls_failed_total{webhook=\"audit\"} 40\n"));
    }

    private static AdapterStatus status(MemoryPoolStats... pools) {
        MessageCounts messages = new MessageCounts(10, Map.of("payload-too-large", 0L, "outbox-full", 2L), 12, 8, 1, 6);
        LatencySummary latency = new LatencySummary(4, 31_503_000, 2_000, 3_000_000, 30_000_000, 30_000_000,
                30_000_000, List.of(new LatencySummary.Bucket(500, 1), new LatencySummary.Bucket(2_500, 2),
                new LatencySummary.Bucket(10_000_000, 3)));
        return new AdapterStatus("0.0.0.0", 7070, 2, 5, 3, 4, 7, 5, 1, messages, latency,
                Map.of("server-full", 0L, "bad-token", 1L), List.of(pools), true);
    }
}
