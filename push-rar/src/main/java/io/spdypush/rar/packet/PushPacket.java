package io.spdypush.rar.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/**
 * The push packet of PROTOCOL.md §2: a 4-byte length, type, flags, 8-byte seq, 2-byte meta
 * length, meta lines and payload, laid end to end in the push stream's DATA bytes.
 */
public final class PushPacket {

    public static final byte TYPE_MESSAGE = 1;
    public static final int FLAG_ACK_REQUIRED = 1;
    public static final int FLAG_REDELIVERY = 1 << 1;

    public static final int MAX_META_BYTES = 8 * 1024;
    /** The largest value of the length field. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;

    /** The bytes before the meta: length, type, flags, seq and meta length. */
    public static final int HEADER_BYTES = 16;

    /** Bytes counted by the length field before the meta: type, flags, seq and meta length. */
    private static final int FIXED_AFTER_LENGTH = 1 + 1 + 8 + 2;

    private PushPacket() {
    }

    /** Whether a packet with these sizes is within the limits every client enforces. */
    public static boolean fitsLimits(int metaLength, int payloadLength) {
        return metaLength <= MAX_META_BYTES && (long) FIXED_AFTER_LENGTH + metaLength + payloadLength <= MAX_LENGTH;
    }

    /**
     * Appends one recipient's packet to {@code packets}: a header of its own, written into the next
     * {@link #HEADER_BYTES} of {@code headers} (which the packets share, so a batch allocates once),
     * and the shared encoded body, never copied per recipient. {@code packets} takes over the caller's
     * reference to {@code body}, and a reference to {@code headers} of its own.
     */
    public static void append(CompositeByteBuf packets, ByteBuf headers, long seq, int flags, ByteBuf body,
                              int metaLength) {
        int headerIndex = headers.writerIndex();
        headers.writeInt(FIXED_AFTER_LENGTH + body.readableBytes())
                .writeByte(TYPE_MESSAGE)
                .writeByte(flags)
                .writeLong(seq)
                .writeShort(metaLength);
        packets.addComponents(true, headers.retainedSlice(headerIndex, HEADER_BYTES), body.duplicate());
    }
}
