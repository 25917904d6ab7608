package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spdypush.protocol.PushPacket;

/**
 * The bench's reading of a push stream (docs/PROTOCOL.md §2): the seq, the REDELIVERY flag and where the payload
 * lies, of each whole MESSAGE packet, other types skipped whole; no meta parsed and no limits checked, since the
 * server is trusted and a load generator of 18 000 sessions must allocate as little as it can. Not thread-safe:
 * one per push stream.
 */
final class PacketScanner {

    /** Told of each message. */
    interface Messages {
        /** @param payloadFrom where the payload starts in {@code bytes}, {@code payloadTo} where it ends */
        void onMessage(long seq, boolean redelivery, ByteBuf bytes, int payloadFrom, int payloadTo);
    }

    /** Received bytes not scanned yet; null when there are none, so an idle session holds no buffer. */
    private ByteBuf cumulation;

    /** Appends a copy of the chunk and hands every message now whole to {@code messages}. */
    void scan(ByteBufAllocator alloc, ByteBuf chunk, Messages messages) {
        if (cumulation == null) {
            cumulation = alloc.buffer(chunk.readableBytes());
        }
        cumulation.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        while (cumulation.readableBytes() >= PushPacket.TYPE_OFFSET) {
            int start = cumulation.readerIndex();
            long end = start + PushPacket.TYPE_OFFSET + cumulation.getUnsignedInt(start);
            if (cumulation.writerIndex() < end) {
                break;
            }
            if (cumulation.getUnsignedByte(start + PushPacket.TYPE_OFFSET) == PushPacket.TYPE_MESSAGE) {
                int flags = cumulation.getUnsignedByte(start + PushPacket.FLAGS_OFFSET);
                int metaLength = cumulation.getUnsignedShort(start + PushPacket.META_LENGTH_OFFSET);
                messages.onMessage(cumulation.getLong(start + PushPacket.SEQ_OFFSET),
                        (flags & PushPacket.FLAG_REDELIVERY) != 0, cumulation,
                        start + PushPacket.HEADER_BYTES + metaLength, (int) end);
            }
            cumulation.readerIndex((int) end);
        }
        if (cumulation.isReadable()) {
            cumulation.discardSomeReadBytes();
        } else {
            release();
        }
    }

    /** Frees the bytes of a packet not whole yet; call when the push stream ends. */
    void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
