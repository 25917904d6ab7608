package io.spdypush.ejb.webhook;

import java.time.Instant;

/**
 * How a webhook is being served, since this server started.
 *
 * @param queued         events waiting to be sent, the call in flight included
 * @param delivered      events its endpoint answered 2xx for
 * @param failedCalls    calls that failed (no answer in time, no connection, or not 2xx), each retried later
 * @param dropped        events not queued because its queue was full
 * @param lastFailure    why the last call failed; empty when none has
 * @param lastDeliveredAt when a call last succeeded; null when none has
 */
public record WebhookStats(int queued, long delivered, long failedCalls, long dropped, String lastFailure,
                           Instant lastDeliveredAt) {
}
