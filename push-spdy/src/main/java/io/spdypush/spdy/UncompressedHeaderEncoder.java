package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.spdy.SpdyHeaderBlockRawEncoder;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyVersion;

/**
 * Writes SPDY/3.1 header blocks as a valid zlib stream without compressing them, so that a
 * session keeps no {@code Deflater}: Netty's encoder holds one with a full zlib window, about
 * 90 KiB of native memory per session (PLATFORM-NOTES.md), for the few short header blocks the
 * server sends. Every SPDY/3 decoder inflates the stream with the SPDY dictionary as usual: the
 * first block starts with a zlib header that names the dictionary, and each header block is
 * stored deflate blocks followed by a sync flush, which decoders need to see each block whole.
 * One instance per connection (it remembers whether the zlib header went out).
 */
public final class UncompressedHeaderEncoder extends SpdyHeaderBlockRawEncoder {

    /**
     * CMF 0x08 (deflate, a window of 256 bytes, the least there is: stored blocks never refer back) and FLG 0x3c
     * (FDICT, and the check bits that make 0x083c a multiple of 31). The peer need keep no more of the stream.
     */
    private static final int ZLIB_HEADER = 0x083c;
    /** Adler-32 of the SPDY/3 header dictionary, which the zlib header says the stream uses. */
    private static final int SPDY_3_DICTIONARY_ID = 0xe3c6a7c2;
    private static final int MAX_STORED_BLOCK = 0xffff;
    /** BFINAL 0, BTYPE 00 (stored), then the padding to the byte boundary. */
    private static final int STORED_BLOCK_HEADER = 0x00;
    /** An empty stored block: what a zlib sync flush writes. */
    private static final byte[] SYNC_FLUSH = {0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private boolean zlibHeaderWritten;

    public UncompressedHeaderEncoder() {
        super(SpdyVersion.SPDY_3_1);
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc, SpdyHeadersFrame frame) throws Exception {
        ByteBuf raw = super.encode(alloc, frame);
        if (!raw.isReadable()) {
            return raw;
        }
        try {
            int length = raw.readableBytes();
            int blocks = (length + MAX_STORED_BLOCK - 1) / MAX_STORED_BLOCK;
            ByteBuf stream = alloc.heapBuffer(6 + length + 5 * blocks + SYNC_FLUSH.length);
            if (!zlibHeaderWritten) {
                stream.writeShort(ZLIB_HEADER).writeInt(SPDY_3_DICTIONARY_ID);
                zlibHeaderWritten = true;
            }
            while (raw.isReadable()) {
                int blockLength = Math.min(MAX_STORED_BLOCK, raw.readableBytes());
                stream.writeByte(STORED_BLOCK_HEADER)
                        .writeShortLE(blockLength)
                        .writeShortLE(~blockLength)
                        .writeBytes(raw, blockLength);
            }
            return stream.writeBytes(SYNC_FLUSH);
        } finally {
            raw.release();
        }
    }
}
