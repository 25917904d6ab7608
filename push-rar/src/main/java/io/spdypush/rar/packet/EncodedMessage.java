package io.spdypush.rar.packet;

import io.netty.buffer.ByteBuf;
import io.spdypush.api.PushMessage;
import io.spdypush.rar.pool.MemoryPool;

/**
 * A message encoded once, for every recipient: its meta lines and payload in one read-only
 * buffer that every outbox entry shares by reference count; only the packet header, with the
 * recipient's seq, is written per recipient.
 *
 * @param messageId       the sender's id
 * @param body            meta lines then payload; the creator holds one reference
 * @param metaLength      the length of the meta lines at the start of {@code body}
 * @param expiresAtMillis epoch milliseconds after which it is never sent, or 0 when it does not expire
 * @param collapseKey     its collapse key, or null
 * @param ackRequired     whether it is kept until acknowledged (at least once) or sent once (at most once)
 */
public record EncodedMessage(String messageId, ByteBuf body, int metaLength, long expiresAtMillis,
                             String collapseKey, boolean ackRequired) {

    /** Encodes {@code message} into a buffer of {@code pool}, or answers null when the pool is at its cap. */
    public static EncodedMessage encode(PushMessage message, byte[] meta, MemoryPool pool) {
        ByteBuf body = pool.bufferWithinCap(meta.length + message.payloadLength());
        if (body == null) {
            return null;
        }
        body.writeBytes(meta)
                .writeBytes(message.payload());
        long expires = message.expires() == null ? 0 : Math.max(1, message.expires().toEpochMilli());
        return new EncodedMessage(message.id(), body.asReadOnly(), meta.length, expires, message.collapseKey(),
                message.qos() == PushMessage.QualityOfService.AT_LEAST_ONCE);
    }

    public boolean isExpiredAt(long nowMillis) {
        return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
    }

    public int bytes() {
        return body.readableBytes();
    }
}
