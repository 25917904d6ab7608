package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts the push stream's DATA bytes into push packets (PROTOCOL.md §2, "Push packets").
 *
 * <p>DATA arrives in chunks whose boundaries mean nothing, so bytes are accumulated until a packet is whole.
 * The limits are checked as soon as a packet's header is in, so a bad length is rejected before anything is
 * buffered for it. After a {@link PushProtocolException} the session is over and the decoder must only be
 * {@linkplain #release() released}. Not thread-safe: a decoder belongs to one push stream on one event loop.
 */
final class PushPacketDecoder {

    static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
    static final int MAX_META_BYTES = 8 * 1024;
    static final long MAX_LENGTH = 16 * 1024 * 1024;

    private static final int LENGTH_FIELD_BYTES = 4;
    /** type, flags, seq and metaLength: what the length field counts besides meta and payload. */
    private static final int FIXED_BYTES = 12;
    private static final int HEADER_BYTES = LENGTH_FIELD_BYTES + FIXED_BYTES;
    private static final int TYPE_OFFSET = 4;
    private static final int FLAGS_OFFSET = 5;
    private static final int SEQ_OFFSET = 6;
    private static final int META_LENGTH_OFFSET = 14;
    private static final int TYPE_MESSAGE = 1;
    private static final int FLAG_ACK_REQUIRED = 1;
    private static final int FLAG_REDELIVERY = 1 << 1;

    private final ByteBufAllocator alloc;
    private final int maxPayloadBytes;
    /** Received bytes not decoded yet; null when there are none, so an idle session holds no buffer. */
    private ByteBuf cumulation;
    /** Bytes of a packet of a reserved type that are still to be discarded. */
    private long skipping;

    PushPacketDecoder(ByteBufAllocator alloc, int maxPayloadBytes) {
        this.alloc = alloc;
        this.maxPayloadBytes = requireValidMaxPayload(maxPayloadBytes);
    }

    /** A payload limit must leave room for the rest of a packet within {@link #MAX_LENGTH}. */
    static int requireValidMaxPayload(int maxPayloadBytes) {
        if (maxPayloadBytes < 0 || maxPayloadBytes > MAX_LENGTH - FIXED_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + " is out of range 0-"
                    + (MAX_LENGTH - FIXED_BYTES) + " (it must match the server's maxPayloadBytes)");
        }
        return maxPayloadBytes;
    }

    /** Appends a copy of the chunk's readable bytes; the caller still owns the chunk and releases it. */
    void add(ByteBuf chunk) {
        if (cumulation == null) {
            cumulation = alloc.buffer(chunk.readableBytes());
        }
        cumulation.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
    }

    /**
     * Returns the next whole MESSAGE packet, or null when more bytes are needed. Packets of reserved types are
     * skipped whole, as PROTOCOL.md requires.
     *
     * @throws PushProtocolException when the bytes break the packet format or its limits
     */
    ReceivedMessage next() throws PushProtocolException {
        if (cumulation == null) {
            return null;
        }
        ReceivedMessage message = decode();
        if (cumulation.isReadable()) {
            cumulation.discardSomeReadBytes();
        } else {
            release();
        }
        return message;
    }

    /** Frees the bytes held for an incomplete packet; call when the push stream ends. */
    void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    private ReceivedMessage decode() throws PushProtocolException {
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
                throw new PushProtocolException("push packet length " + length + " is below the minimum of "
                        + FIXED_BYTES);
            }
            if (length > MAX_LENGTH) {
                throw new PushProtocolException("push packet length " + length + " is above the limit of "
                        + MAX_LENGTH + " (16 MiB)");
            }
            if (available <= TYPE_OFFSET) {
                return null;
            }
            if (cumulation.getUnsignedByte(start + TYPE_OFFSET) != TYPE_MESSAGE) {
                skipping = LENGTH_FIELD_BYTES + length;
                continue;
            }
            if (available < HEADER_BYTES) {
                return null;
            }
            int metaLength = cumulation.getUnsignedShort(start + META_LENGTH_OFFSET);
            if (metaLength > length - FIXED_BYTES) {
                throw new PushProtocolException("push packet metaLength " + metaLength
                        + " does not fit in packet length " + length);
            }
            if (metaLength > MAX_META_BYTES) {
                throw new PushProtocolException("push packet metaLength " + metaLength + " is above the limit of "
                        + MAX_META_BYTES + " (8 KiB)");
            }
            long payloadLength = length - FIXED_BYTES - metaLength;
            if (payloadLength > maxPayloadBytes) {
                throw new PushProtocolException("push packet payload of " + payloadLength
                        + " bytes is above the limit of " + maxPayloadBytes + " (maxPayloadBytes)");
            }
            if (available < LENGTH_FIELD_BYTES + length) {
                return null;
            }
            return readMessage(start, metaLength, (int) payloadLength);
        }
    }

    private ReceivedMessage readMessage(int start, int metaLength, int payloadLength) throws PushProtocolException {
        int flags = cumulation.getUnsignedByte(start + FLAGS_OFFSET);
        long seq = cumulation.getLong(start + SEQ_OFFSET);
        if (seq < 0) {
            throw new PushProtocolException("push packet seq " + Long.toUnsignedString(seq)
                    + " is above the largest this client supports, " + Long.MAX_VALUE);
        }
        Map<String, String> meta = parseMeta(seq, start + HEADER_BYTES, metaLength);
        byte[] payload = new byte[payloadLength];
        cumulation.getBytes(start + HEADER_BYTES + metaLength, payload);
        cumulation.skipBytes(HEADER_BYTES + metaLength + payloadLength);
        return new ReceivedMessage(seq, (flags & FLAG_REDELIVERY) != 0, (flags & FLAG_ACK_REQUIRED) != 0,
                meta, payload);
    }

    /** Parses the "name: value\n" lines; {@code id} and {@code content-type} are required (§2). */
    private Map<String, String> parseMeta(long seq, int index, int length) throws PushProtocolException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(cumulation.nioBuffer(index, length)).toString();
        } catch (CharacterCodingException e) {
            throw new PushProtocolException("push packet seq " + seq + ": meta is not valid UTF-8", e);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new PushProtocolException("push packet seq " + seq + ": meta line '" + line
                        + "' is not 'name: value'");
            }
            String value = line.substring(colon + 1);
            meta.put(line.substring(0, colon).toLowerCase(Locale.ROOT),
                    value.startsWith(" ") ? value.substring(1) : value);
            lineStart = lineEnd + 1;
        }
        for (String required : new String[] {"id", "content-type"}) {
            if (!meta.containsKey(required)) {
                throw new PushProtocolException("push packet seq " + seq + " lacks the required meta '"
                        + required + "'");
            }
        }
        return meta;
    }
}
