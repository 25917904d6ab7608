package io.spdypush.protocol;

/**
 * The layout and the limits of a push packet (docs/PROTOCOL.md §2, "Push packets"), laid end to end in the push
 * stream's DATA bytes; all integers unsigned, big-endian:
 *
 * <pre>
 * offset  size  field
 * 0       4     length      bytes that follow this field: 12 + metaLength + payload
 * 4       1     type        {@link #TYPE_MESSAGE}, {@link #TYPE_HEARTBEAT}; others reserved, skipped whole
 * 5       1     flags       {@link #FLAG_ACK_REQUIRED}, {@link #FLAG_REDELIVERY}
 * 6       8     seq
 * 14      2     metaLength
 * 16      m     meta        UTF-8 lines "name: value\n" ({@link MetaLines})
 * 16+m    n     payload
 * </pre>
 */
public final class PushPacket {

    public static final int TYPE_MESSAGE = 1;
    /** Written on quiet HTTP/2 and HTTP/1.1 push streams (§10), never on SPDY; a client skips it as it skips reserved types. */
    public static final int TYPE_HEARTBEAT = 2;

    public static final int FLAG_ACK_REQUIRED = 1;
    public static final int FLAG_REDELIVERY = 1 << 1;

    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 4;
    public static final int FLAGS_OFFSET = 5;
    public static final int SEQ_OFFSET = 6;
    public static final int META_LENGTH_OFFSET = 14;
    /** The bytes before the meta: length, type, flags, seq and metaLength. */
    public static final int HEADER_BYTES = 16;
    /** What the length field counts besides meta and payload: type, flags, seq and metaLength. */
    public static final int FIXED_AFTER_LENGTH = HEADER_BYTES - TYPE_OFFSET;

    public static final int MAX_META_BYTES = 8 * 1024;
    /** The largest value of the length field: 16 MiB. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;

    private PushPacket() {
    }

    /** Whether a packet with these sizes is within the limits every client enforces. */
    public static boolean fitsLimits(int metaLength, int payloadLength) {
        return metaLength <= MAX_META_BYTES && (long) FIXED_AFTER_LENGTH + metaLength + payloadLength <= MAX_LENGTH;
    }

    /** The flags byte of a packet. */
    public static int flags(boolean ackRequired, boolean redelivery) {
        return (ackRequired ? FLAG_ACK_REQUIRED : 0) | (redelivery ? FLAG_REDELIVERY : 0);
    }
}
