package io.spdypush.ejb.webhook;

import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.DeliveryOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event as webhooks receive it, its JSON made once for every webhook that wants it. Its {@code id} is unique
 * across restarts and nodes (a random prefix per process and a counter), so that a receiver can recognise an event
 * it was sent again: delivery is at least once.
 *
 * @param type what happened
 * @param json {@code {"id", "type", "at", "clientId", ...}} with the message's or the session's fields
 */
public record WebhookEvent(WebhookEventType type, JsonObject json) {

    private static final String PROCESS_PREFIX = randomHex();
    private static final AtomicLong COUNTER = new AtomicLong();

    /** A stored message's new state: {@code messageId}, {@code seq} (0 when it never had one), {@code reason}. */
    static WebhookEvent of(WebhookEventType type, DeliveryOutcome outcome) {
        JsonObjectBuilder json = common(type, outcome.clientId())
                .add("messageId", outcome.messageId())
                .add("seq", outcome.seq());
        if (!outcome.reason().isEmpty()) {
            json.add("reason", outcome.reason());
        }
        return new WebhookEvent(type, json.build());
    }

    /** A session that opened or closed: {@code sessionId}, {@code remoteAddress}, {@code node} in a cluster. */
    static WebhookEvent of(WebhookEventType type, SessionInfo session) {
        JsonObjectBuilder json = common(type, session.clientId())
                .add("sessionId", session.sessionId())
                .add("remoteAddress", session.remoteAddress());
        if (!session.node().isEmpty()) {
            json.add("node", session.node());
        }
        return new WebhookEvent(type, json.build());
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static JsonObjectBuilder common(WebhookEventType type, String clientId) {
        return Json.createObjectBuilder()
                .add("id", PROCESS_PREFIX + "-" + COUNTER.incrementAndGet())
                .add("type", type.wireName())
                .add("at", Instant.now().toString())
                .add("clientId", clientId);
    }
}
