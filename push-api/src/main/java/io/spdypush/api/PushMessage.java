package io.spdypush.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A message for one client, built fluently and immutable at every step:
 * {@code PushMessage.to("device-42").text("hello")}.
 *
 * @param clientId    the recipient
 * @param id          the message id, unique per sender; a random one unless given
 * @param contentType the payload's content type
 * @param payload     the payload bytes (copied in and out: a message can be shared freely)
 */
public record PushMessage(String clientId, String id, String contentType, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    public PushMessage {
        ClientIds.requireValid(clientId);
        requireMetaValue("id", id);
        requireMetaValue("content-type", contentType);
        payload = payload.clone();
    }

    /** An empty {@code text/plain} message for the client, with a random id. */
    public static PushMessage to(String clientId) {
        return new PushMessage(clientId, UUID.randomUUID().toString(), "text/plain; charset=utf-8", EMPTY);
    }

    /** This message with a UTF-8 text payload. */
    public PushMessage text(String text) {
        return new PushMessage(clientId, id, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** This message with a binary payload of the given content type. */
    public PushMessage bytes(String contentType, byte[] payload) {
        return new PushMessage(clientId, id, contentType, payload);
    }

    /** This message with the given id, for senders that keep their own ids. */
    public PushMessage id(String id) {
        return new PushMessage(clientId, id, contentType, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PushMessage that
                && clientId.equals(that.clientId) && id.equals(that.id)
                && contentType.equals(that.contentType) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, id, contentType, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "PushMessage[clientId=" + clientId + ", id=" + id + ", contentType=" + contentType
                + ", payload=" + payload.length + " bytes]";
    }

    /** Meta values travel as "name: value\n" lines, so they must be one non-empty line. */
    private static void requireMetaValue(String name, String value) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("message " + name + " must be a non-empty single line, got "
                    + (value == null ? "null" : '"' + value + '"'));
        }
    }
}
