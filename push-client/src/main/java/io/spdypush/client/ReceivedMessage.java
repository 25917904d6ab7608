package io.spdypush.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One MESSAGE push packet as the server sent it (docs/PROTOCOL.md §2, "Push packets"). Immutable: the meta map
 * and the payload are copied in and the payload is copied out.
 *
 * @param seq         the per-client sequence number; acknowledging it acknowledges everything before it too
 * @param redelivered the REDELIVERY flag: the message was sent before, on this or an earlier session
 * @param ackRequired the ACK_REQUIRED flag: the server keeps the message until it is acknowledged
 * @param meta        the meta lines by name (names lowercase), in the order the server sent them
 * @param payload     the payload bytes
 */
public record ReceivedMessage(long seq, boolean redelivered, boolean ackRequired, Map<String, String> meta,
                              byte[] payload) {

    public ReceivedMessage {
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        payload = payload.clone();
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The message id, unique per sender (meta {@code id}). */
    public String id() {
        return meta.get("id");
    }

    /** The payload's media type as sent (meta {@code content-type}). */
    public String contentType() {
        return meta.get("content-type");
    }

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage that
                && seq == that.seq
                && redelivered == that.redelivered
                && ackRequired == that.ackRequired
                && meta.equals(that.meta)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(seq) + Arrays.hashCode(payload);
    }

    /** Names the message without its payload, which must never reach a log. */
    @Override
    public String toString() {
        return "ReceivedMessage[seq=" + seq + ", id=" + id() + ", redelivered=" + redelivered
                + ", ackRequired=" + ackRequired + ", payload=" + payload.length + " bytes]";
    }
}
