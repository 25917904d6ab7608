package io.spdypush.codec;

import io.spdypush.protocol.PushPacket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/** Writes push packets (docs/PROTOCOL.md §2) for the server, without copying a body per recipient. */
public final class PushPacketWriter {

    private PushPacketWriter() {
    }

    /**
     * Appends one recipient's MESSAGE packet to {@code packets}: a header of its own, written into the next
     * {@link PushPacket#HEADER_BYTES} of {@code headers} (which the packets share, so a batch allocates once),
     * and the shared encoded body (meta then payload), never copied. {@code packets} takes over the caller's
     * reference to {@code body}, and a reference to {@code headers} of its own.
     */
    public static void append(CompositeByteBuf packets, ByteBuf headers, long seq, int flags, ByteBuf body,
                              int metaLength) {
        int headerIndex = headers.writerIndex();
        headers.writeInt(PushPacket.FIXED_AFTER_LENGTH + body.readableBytes())
                .writeByte(PushPacket.TYPE_MESSAGE)
                .writeByte(flags)
                .writeLong(seq)
                .writeShort(metaLength);
        packets.addComponents(true, headers.retainedSlice(headerIndex, PushPacket.HEADER_BYTES), body.duplicate());
    }
}
