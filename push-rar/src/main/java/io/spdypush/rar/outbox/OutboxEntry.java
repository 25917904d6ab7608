package io.spdypush.rar.outbox;

import io.spdypush.rar.packet.EncodedMessage;

/**
 * One accepted message waiting in an outbox for its acknowledgement. The outbox holds one
 * reference to the message's shared body until the entry leaves it.
 *
 * @param seq             the client's sequence number for it
 * @param message         the encoded message
 * @param acceptedAtNanos {@link System#nanoTime()} when the outbox accepted it, for the delivery
 *                        latency; {@link #RESTORED} when it came from the outbox file
 */
public record OutboxEntry(long seq, EncodedMessage message, long acceptedAtNanos) {

    /**
     * The accept time of an entry restored after a restart: nanoTime does not carry over from one
     * JVM to the next, and the file keeps no accept time, so its latency is not measured.
     */
    public static final long RESTORED = Long.MIN_VALUE;

    /** An entry read back from the outbox file, or handed back after a restart under the seq it had. */
    public static OutboxEntry restored(long seq, EncodedMessage message) {
        return new OutboxEntry(seq, message, RESTORED);
    }

    public int bytes() {
        return message.bytes();
    }

    /** Whether its delivery latency can be measured: it was accepted since the adapter started. */
    public boolean isTimed() {
        return acceptedAtNanos != RESTORED;
    }

    /**
     * This entry as it goes on the wire once more or for the first time, with a reference to
     * the body of its own that the writer releases, so that an acknowledgement arriving
     * meanwhile cannot free the bytes under it.
     */
    public record Outgoing(long seq, EncodedMessage message, boolean redelivery) {
    }
}
