package io.spdypush.codec;

import io.spdypush.protocol.PushPacket;
import io.spdypush.protocol.MetaLines;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Cuts the push stream's DATA bytes into push packets (docs/PROTOCOL.md §2, "Push packets"), as a client must.
 *
 * <p>DATA arrives in chunks whose boundaries mean nothing, so bytes are accumulated until a packet is whole.
 * The limits are checked as soon as a packet's header is in, so a bad length is rejected before anything is
 * buffered for it. After a {@link PacketFormatException} the session is over and the decoder must only be
 * {@linkplain #release() released}. Not thread-safe: a decoder belongs to one push stream on one event loop.
 */
public final class PushPacketDecoder {

    private static final int LENGTH_FIELD_BYTES = PushPacket.TYPE_OFFSET;
    private static final int FIXED_BYTES = PushPacket.FIXED_AFTER_LENGTH;
    private static final int HEADER_BYTES = PushPacket.HEADER_BYTES;
    private static final int TYPE_OFFSET = PushPacket.TYPE_OFFSET;
    private static final int FLAGS_OFFSET = PushPacket.FLAGS_OFFSET;
    private static final int SEQ_OFFSET = PushPacket.SEQ_OFFSET;
    private static final int META_LENGTH_OFFSET = PushPacket.META_LENGTH_OFFSET;
    private static final long MAX_LENGTH = PushPacket.MAX_LENGTH;
    private static final int MAX_META_BYTES = PushPacket.MAX_META_BYTES;

    private final ByteBufAllocator alloc;
    private final int maxPayloadBytes;
    /** Received bytes not decoded yet; null when there are none, so an idle session holds no buffer. */
    private ByteBuf cumulation;
    /** Bytes of a packet of a reserved type that are still to be discarded. */
    private long skipping;

    /** @param maxPayloadBytes the largest payload accepted: the server's maxPayloadBytes */
    public PushPacketDecoder(ByteBufAllocator alloc, int maxPayloadBytes) {
        this.alloc = alloc;
        this.maxPayloadBytes = requireValidMaxPayload(maxPayloadBytes);
    }

    /** A payload limit must leave room for the rest of a packet within {@link #MAX_LENGTH}. */
    public static int requireValidMaxPayload(int maxPayloadBytes) {
        if (maxPayloadBytes < 0 || maxPayloadBytes > MAX_LENGTH - FIXED_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " is out of range 0-"
                    + (MAX_LENGTH - FIXED_BYTES) + " (it must match the server's maxPayloadBytes)");
        }
        return maxPayloadBytes;
    }

    /** Appends a copy of the chunk's readable bytes; the caller still owns the chunk and releases it. */
    public void add(ByteBuf chunk) {
        if (cumulation == null) {
            cumulation = alloc.buffer(chunk.readableBytes());
        }
        cumulation.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
    }

    /**
     * Returns the next whole MESSAGE packet, or null when more bytes are needed. Packets of reserved types are
     * skipped whole, as docs/PROTOCOL.md requires.
     *
     * @throws PacketFormatException when the bytes break the packet format or its limits
     */
    public DecodedPacket next() throws PacketFormatException {
        if (cumulation == null) {
            return null;
        }
        DecodedPacket message = decode();
        if (cumulation.isReadable()) {
            cumulation.discardSomeReadBytes();
        } else {
            release();
        }
        return message;
    }

    /** Frees the bytes held for an incomplete packet; call when the push stream ends. */
    public void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    private DecodedPacket decode() throws PacketFormatException {
        while (true) {
            if (skipping > 0) {
                int skipped = (int) Math.min(skipping, cumulation.readableBytes());
                cumulation.skipBytes(skipped);
                skipping -= skipped;
                if (skipping > 0) {
                    return null;
                }
            }
            int available = cumulation.readableBytes();
            if (available < LENGTH_FIELD_BYTES) {
                return null;
            }
            int start = cumulation.readerIndex();
            long length = cumulation.getUnsignedInt(start);
            if (length < FIXED_BYTES) {
                throw new PacketFormatException("push packet length " + length + " is below the minimum of "
                        + FIXED_BYTES);
            }
            if (length > MAX_LENGTH) {
                throw new PacketFormatException("push packet length " + length + " is above the limit of "
                        + MAX_LENGTH + " (16 MiB)");
            }
            if (available <= TYPE_OFFSET) {
                return null;
            }
            if (cumulation.getUnsignedByte(start + TYPE_OFFSET) != PushPacket.TYPE_MESSAGE) {
                skipping = LENGTH_FIELD_BYTES + length;
                continue;
            }
            if (available < HEADER_BYTES) {
                return null;
            }
            int metaLength = cumulation.getUnsignedShort(start + META_LENGTH_OFFSET);
            if (metaLength > length - FIXED_BYTES) {
                throw new PacketFormatException("push packet metaLength " + metaLength
                        + " does not fit in packet length " + length);
            }
            if (metaLength > MAX_META_BYTES) {
                throw new PacketFormatException("push packet metaLength " + metaLength + " is above the limit of "
                        + MAX_META_BYTES + " (8 KiB)");
            }
            long payloadLength = length - FIXED_BYTES - metaLength;
            if (payloadLength > maxPayloadBytes) {
                throw new PacketFormatException("push packet payload of " + payloadLength
                        + " bytes is above the limit of " + maxPayloadBytes + " (maxPayloadBytes)");
            }
            if (available < LENGTH_FIELD_BYTES + length) {
                return null;
            }
            return readMessage(start, metaLength, (int) payloadLength);
        }
    }

    private DecodedPacket readMessage(int start, int metaLength, int payloadLength) throws PacketFormatException {
        int flags = cumulation.getUnsignedByte(start + FLAGS_OFFSET);
        long seq = cumulation.getLong(start + SEQ_OFFSET);
        if (seq < 0) {
            throw new PacketFormatException("push packet seq " + Long.toUnsignedString(seq)
                    + " is above the largest this client supports, " + Long.MAX_VALUE);
        }
        Map<String, String> meta = parseMeta(seq, start + HEADER_BYTES, metaLength);
        byte[] payload = new byte[payloadLength];
        cumulation.getBytes(start + HEADER_BYTES + metaLength, payload);
        cumulation.skipBytes(HEADER_BYTES + metaLength + payloadLength);
        return new DecodedPacket(seq, flags, meta, payload);
    }

    /** Parses the meta lines ({@link MetaLines}); {@code id} and {@code content-type} are required (§2). */
    private Map<String, String> parseMeta(long seq, int index, int length) throws PacketFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(cumulation.nioBuffer(index, length)).toString();
        } catch (CharacterCodingException e) {
            throw new PacketFormatException("push packet seq " + seq + ": meta is not valid UTF-8", e);
        }
        try {
            return MetaLines.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PacketFormatException("push packet seq " + seq + ": " + e.getMessage());
        }
    }
}
