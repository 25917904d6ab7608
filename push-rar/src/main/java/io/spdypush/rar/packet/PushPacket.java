package io.spdypush.rar.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

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

    /** Bytes counted by the length field before the meta: type, flags, seq and meta length. */
    private static final int FIXED_AFTER_LENGTH = 1 + 1 + 8 + 2;

    private PushPacket() {
    }

    /** The value of the length field for this meta and payload. */
    public static int lengthField(int metaLength, int payloadLength) {
        return FIXED_AFTER_LENGTH + metaLength + payloadLength;
    }

    /** Whether a packet with these sizes is within the limits every client enforces. */
    public static boolean fitsLimits(int metaLength, int payloadLength) {
        return metaLength <= MAX_META_BYTES && (long) FIXED_AFTER_LENGTH + metaLength + payloadLength <= MAX_LENGTH;
    }

    /** Encodes one MESSAGE packet into a new buffer of exactly its size. */
    public static ByteBuf encode(ByteBufAllocator allocator, long seq, int flags, byte[] meta, byte[] payload) {
        int length = lengthField(meta.length, payload.length);
        ByteBuf packet = allocator.buffer(4 + length, 4 + length);
        packet.writeInt(length)
                .writeByte(TYPE_MESSAGE)
                .writeByte(flags)
                .writeLong(seq)
                .writeShort(meta.length)
                .writeBytes(meta)
                .writeBytes(payload);
        return packet;
    }
}
