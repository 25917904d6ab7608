package io.spdypush.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message, built fluently and immutable at every step:
 * {@code PushMessage.to("device-42").text("hello").ttl(Duration.ofMinutes(5)).collapseKey("score")}.
 *
 * @param audience    who it is for
 * @param id          the message id, unique per sender; a random one unless given
 * @param contentType the payload's content type
 * @param payload     the payload bytes (copied in and out: a message can be shared freely)
 * @param expires     when it expires (it is never sent after that), or null when it does not
 * @param collapseKey a key with which it replaces a not-yet-sent message of the same client, or null
 * @param priority    a hint for the client (docs/PROTOCOL.md §2 meta {@code priority})
 * @param qos         whether it is kept until acknowledged; by default {@code AT_LEAST_ONCE} for
 *                    client ids, {@code AT_MOST_ONCE} for topics and everyone, who can have no other:
 *                    a message to the sessions online now is not stored, so it could not survive a crash
 */
public record PushMessage(Audience audience, String id, String contentType, byte[] payload,
                          Instant expires, String collapseKey, Priority priority, QualityOfService qos) {

    public enum QualityOfService {
        /**
         * Kept (stored by PushService, and in the client's outbox) until the client acknowledges
         * it or it expires, and sent again after a reconnect or a restart.
         */
        AT_LEAST_ONCE,
        /** Sent once to the sessions online, in memory only, never stored or sent again. */
        AT_MOST_ONCE
    }

    public enum Priority {
        HIGH, NORMAL;

        /** The value of the {@code priority} meta line. */
        public String metaValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final byte[] EMPTY = new byte[0];
    private static final String TEXT = "text/plain; charset=utf-8";

    public PushMessage {
        Objects.requireNonNull(audience, "audience");
        requireMetaValue("id", id);
        requireMetaValue("content-type", contentType);
        if (collapseKey != null) {
            requireMetaValue("collapse key", collapseKey);
        }
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(qos, "qos");
        if (qos == QualityOfService.AT_LEAST_ONCE && !(audience instanceof Audience.Client
                || audience instanceof Audience.Clients)) {
            // Refused rather than sent at most once: a sender asking for at least once must learn it does not get it.
            throw new IllegalArgumentException("qos AT_LEAST_ONCE is for messages to client ids; a message to "
                    + (audience instanceof Audience.Topic topic ? "topic " + topic.name() : "everyone")
                    + " goes to the sessions online now and is never stored: send it AT_MOST_ONCE (its default),"
                    + " or to the client ids that must get it");
        }
        payload = payload.clone();
    }

    /** An empty {@code text/plain} message for one client id, with a random id. */
    public static PushMessage to(String clientId) {
        return to(new Audience.Client(clientId));
    }

    /** An empty {@code text/plain} message for each of the client ids. */
    public static PushMessage to(List<String> clientIds) {
        return to(new Audience.Clients(clientIds));
    }

    /** An empty {@code text/plain} message for the sessions subscribed to {@code topic}. */
    public static PushMessage toTopic(String topic) {
        return to(new Audience.Topic(topic));
    }

    /** An empty {@code text/plain} message for every session online. */
    public static PushMessage toEveryone() {
        return to(new Audience.Everyone());
    }

    private static PushMessage to(Audience audience) {
        QualityOfService qos = audience instanceof Audience.Client || audience instanceof Audience.Clients
                ? QualityOfService.AT_LEAST_ONCE : QualityOfService.AT_MOST_ONCE;
        return new PushMessage(audience, MessageIds.next(), TEXT, EMPTY, null, null, Priority.NORMAL, qos);
    }

    /** This message with a UTF-8 text payload. */
    public PushMessage text(String text) {
        return bytes(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** This message with a binary payload of the given content type. */
    public PushMessage bytes(String contentType, byte[] payload) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    /** This message with the given id, for senders that keep their own ids. */
    public PushMessage id(String id) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    /** This message expiring {@code ttl} from now. */
    public PushMessage ttl(Duration ttl) {
        return expires(Instant.now().plus(ttl));
    }

    /** This message expiring at {@code expires}. */
    public PushMessage expires(Instant expires) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    /** This message replacing any not-yet-sent message of the same client with the same key. */
    public PushMessage collapseKey(String collapseKey) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    /** @throws IllegalArgumentException for {@code AT_LEAST_ONCE} to a topic or everyone, which is never stored */
    public PushMessage qos(QualityOfService qos) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    public PushMessage priority(Priority priority) {
        return new PushMessage(audience, id, contentType, payload, expires, collapseKey, priority, qos);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Whether it has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PushMessage that
                && audience.equals(that.audience) && id.equals(that.id)
                && contentType.equals(that.contentType) && Arrays.equals(payload, that.payload)
                && Objects.equals(expires, that.expires) && Objects.equals(collapseKey, that.collapseKey)
                && priority == that.priority && qos == that.qos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(audience, id, contentType, Arrays.hashCode(payload), expires, collapseKey, priority, qos);
    }

    @Override
    public String toString() {
        return "PushMessage[audience=" + audience + ", id=" + id + ", contentType=" + contentType
                + ", payload=" + payload.length + " bytes, expires=" + expires + ", collapseKey=" + collapseKey
                + ", priority=" + priority + ", qos=" + qos + "]";
    }

    /** Meta values travel as "name: value\n" lines, so they must be one non-empty line. */
    private static void requireMetaValue(String name, String value) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("message " + name + " must be a non-empty single line, got "
                    + (value == null ? "null" : '"' + value + '"'));
        }
    }
}
