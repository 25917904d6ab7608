package io.spdypush.rar.outbox;

import io.spdypush.rar.packet.EncodedMessage;

/**
 * One accepted message waiting in an outbox for its acknowledgement. The outbox holds one
 * reference to the message's shared body until the entry leaves it.
 *
 * @param seq     the client's sequence number for it
 * @param message the encoded message
 */
public record OutboxEntry(long seq, EncodedMessage message) {

    public int bytes() {
        return message.bytes();
    }

    /**
     * This entry as it goes on the wire once more or for the first time, with a reference to
     * the body of its own that the writer releases, so that an acknowledgement arriving
     * meanwhile cannot free the bytes under it.
     */
    public record Outgoing(long seq, EncodedMessage message, boolean redelivery) {
    }
}
