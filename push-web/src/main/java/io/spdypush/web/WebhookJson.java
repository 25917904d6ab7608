package io.spdypush.web;

import io.spdypush.ejb.webhook.Webhook;
import io.spdypush.ejb.webhook.WebhookEventType;
import io.spdypush.ejb.webhook.WebhookStats;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as the REST API shows it; {@code secret} only in the answer that registered it (null, so left out,
 * otherwise), the counters as {@link WebhookStats}.
 */
public record WebhookJson(String id, String url, List<String> events, boolean configured, String secret,
                          int queued, long delivered, long failedCalls, long dropped, String lastFailure,
                          Instant lastDeliveredAt) {

    static WebhookJson of(Webhook webhook, WebhookStats stats) {
        return new WebhookJson(webhook.id(), webhook.url().toString(), names(webhook), webhook.configured(), null,
                stats.queued(), stats.delivered(), stats.failedCalls(), stats.dropped(), stats.lastFailure(),
                stats.lastDeliveredAt());
    }

    static WebhookJson registered(Webhook webhook) {
        return new WebhookJson(webhook.id(), webhook.url().toString(), names(webhook), false, webhook.secret(),
                0, 0, 0, 0, "", null);
    }

    private static List<String> names(Webhook webhook) {
        return webhook.events().stream().sorted().map(WebhookEventType::wireName).toList();
    }
}
