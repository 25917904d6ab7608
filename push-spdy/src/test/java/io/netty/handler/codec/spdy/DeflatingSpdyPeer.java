package io.netty.handler.codec.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The sending side of a SPDY/3.1 session that compresses its header blocks with
 * {@code java.util.zip.Deflater}, as independent clients do (OkHttp among them): one zlib stream
 * with the SPDY dictionary for the whole session, normally sync-flushed after each block.
 */
final class DeflatingSpdyPeer {

    private final Deflater deflater;
    private long rawBytes;

    DeflatingSpdyPeer(int level, int strategy) {
        this(new Deflater(level), strategy, SpdyCodecUtil.SPDY_DICT);
    }

    /** @param deflater a new Deflater: zlib or raw, at any level */
    DeflatingSpdyPeer(Deflater deflater, int strategy, byte[] dictionary) {
        this.deflater = deflater;
        deflater.setStrategy(strategy);
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
    }

    /** A SYN_STREAM frame whose header block is sync-flushed, as SPDY/3 requires. */
    ByteBuf synStream(int streamId, Map<String, String> headers) {
        return synStream(streamId, headerBlock(headers, Deflater.SYNC_FLUSH));
    }

    /** A SYN_STREAM frame carrying the given bytes as its header block. */
    static ByteBuf synStream(int streamId, byte[] headerBlock) {
        return new SpdyFrameEncoder(SpdyVersion.SPDY_3_1).encodeSynStreamFrame(ByteBufAllocator.DEFAULT,
                streamId, 0, (byte) 0, true, false, Unpooled.wrappedBuffer(headerBlock));
    }

    /**
     * The next header block of the stream, compressed and then flushed with {@code flush}
     * ({@code Deflater.SYNC_FLUSH}, {@code NO_FLUSH} or {@code FULL_FLUSH}); {@code -1} finishes the stream.
     */
    byte[] headerBlock(Map<String, String> headers, int flush) {
        byte[] raw = nameValues(headers);
        rawBytes += raw.length;
        deflater.setInput(raw);
        if (flush == -1) {
            deflater.finish();
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int length;
        do {
            length = deflater.deflate(chunk, 0, chunk.length, flush == -1 ? Deflater.NO_FLUSH : flush);
            compressed.write(chunk, 0, length);
        } while (length == chunk.length || !deflater.needsInput() || flush == -1 && !deflater.finished());
        return compressed.toByteArray();
    }

    /** The header blocks' size before compression, so far. */
    long rawBytes() {
        return rawBytes;
    }

    /** A header block as SPDY/3 lays it out before compression; names and values unchecked, as a peer may send. */
    static byte[] nameValues(Map<String, String> headers) {
        SpdyHeadersFrame frame = new DefaultSpdyHeadersFrame(1, false);
        headers.forEach(frame.headers()::add);
        try {
            ByteBuf raw = new SpdyHeaderBlockRawEncoder(SpdyVersion.SPDY_3_1).encode(ByteBufAllocator.DEFAULT, frame);
            try {
                byte[] bytes = new byte[raw.readableBytes()];
                raw.readBytes(bytes);
                return bytes;
            } finally {
                raw.release();
            }
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
