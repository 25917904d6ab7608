package io.spdypush.rar.outbox;

/**
 * One accepted message waiting in an outbox for its acknowledgement.
 *
 * @param seq       the client's sequence number for it
 * @param messageId the sender's id, for logs and receipts
 * @param meta      the encoded meta lines
 * @param payload   the payload bytes
 */
public record OutboxEntry(long seq, String messageId, byte[] meta, byte[] payload) {

    public int bytes() {
        return meta.length + payload.length;
    }

    /** This entry as it goes on the wire once more or for the first time. */
    public record Outgoing(OutboxEntry entry, boolean redelivery) {
    }
}
