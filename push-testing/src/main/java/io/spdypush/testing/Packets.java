package io.spdypush.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Push packets written byte by byte from docs/PROTOCOL.md §2, independently of the production decoder, so that
 * tests check the format and not the code against itself.
 */
public final class Packets {

    public static final int MESSAGE = 1;
    public static final int ACK_REQUIRED = 1;
    public static final int REDELIVERY = 2;

    private Packets() {
    }

    /** A MESSAGE packet with meta "id: ID\ncontent-type: TYPE\n". */
    public static byte[] message(long seq, int flags, String id, String contentType, byte[] payload) {
        return packet(MESSAGE, flags, seq, "id: " + id + "\ncontent-type: " + contentType + "\n", payload);
    }

    public static byte[] text(long seq, String id, String text) {
        return message(seq, ACK_REQUIRED, id, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Any packet, fields as given; length is computed from meta and payload. */
    public static byte[] packet(int type, int flags, long seq, String meta, byte[] payload) {
        byte[] metaBytes = meta.getBytes(StandardCharsets.UTF_8);
        return withLength(12 + metaBytes.length + payload.length, type, flags, seq, metaBytes.length, metaBytes,
                payload);
    }

    /** A packet whose length and metaLength fields say whatever the test wants, true or not. */
    public static byte[] withLength(long length, int type, int flags, long seq, int metaLength, byte[] meta,
                                    byte[] payload) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            buffer.writeInt((int) length);
            buffer.writeByte(type);
            buffer.writeByte(flags);
            buffer.writeLong(seq);
            buffer.writeShort(metaLength);
            buffer.writeBytes(meta);
            buffer.writeBytes(payload);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Payload bytes that differ at every position, so a misplaced chunk shows. */
    public static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }
}
