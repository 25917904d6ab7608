package io.netty.handler.codec.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spdypush.spdy.HeaderBlockInflater;

import java.util.zip.DataFormatException;

/**
 * Netty's SPDY/3.1 header block decoder without a native Inflater per session: a session keeps only
 * the zlib window of its peer's header stream ({@link HeaderBlockInflater}), as many bytes as its
 * header blocks so far inflated to, at most 32 KiB, where Netty's {@code SpdyHeaderBlockZlibDecoder}
 * keeps about 10 KiB of zlib state on top of the same window. The name/value parsing and the limits
 * are Netty's own. Lives in Netty's package because the decoder's methods are package-private; it
 * works wherever our classes and Netty's share a class loader (the RAR, the bench, the tests).
 * <p>
 * The pieces in which a header block arrives are gathered and inflated at its end, as the thread's
 * Inflater cannot keep a half-inflated block for this session meanwhile. As in Netty, a name or value
 * over {@code maxHeaderSize} truncates the frame, and a block that is not valid zlib data is a
 * {@link SpdyProtocolException} (a session error); so is a block that does not end with the sync flush
 * SPDY/3 requires. A block that inflates, or is compressed, to more than twice {@code maxHeaderSize}
 * (its names and values plus their length fields) is a session error too: Netty allows 16 times, which
 * let a peer that sends many small blocks make the server inflate 16 times what it will ever accept.
 * The frame is then not passed on. {@code LeanSpdyFrameCodec} hands it no blocks once the channel has
 * closed: nothing would release what they gathered after {@link #end()}.
 */
public final class SharedInflaterHeaderBlockDecoder extends SpdyHeaderBlockRawDecoder {

    /** Netty's start size for the inflated bytes not parsed yet. */
    private static final int INFLATED_BUFFER_BYTES = 4096;
    /** How many times {@code maxHeaderSize} a block may inflate or be compressed to. */
    private static final int BLOCK_BYTES_PER_HEADER_BYTE = 2;

    private final HeaderBlockInflater stream = new HeaderBlockInflater(SpdyCodecUtil.SPDY_DICT);
    private final long maxBlockBytes;

    /** The current header block's bytes received so far, or null before its first piece. */
    private ByteBuf compressed;
    private boolean oversized;

    /** @param maxHeaderSize the largest total size of a header block's names and values */
    public SharedInflaterHeaderBlockDecoder(int maxHeaderSize) {
        super(SpdyVersion.SPDY_3_1, maxHeaderSize);
        maxBlockBytes = (long) maxHeaderSize * BLOCK_BYTES_PER_HEADER_BYTE;
    }

    @Override
    void decode(ByteBufAllocator alloc, ByteBuf headerBlock, SpdyHeadersFrame frame) {
        int length = headerBlock.readableBytes();
        int gathered = compressed == null ? 0 : compressed.readableBytes();
        if (oversized || gathered > maxBlockBytes - length) {
            // Dropped unread: the stream cannot be followed past this block.
            oversized = true;
            stream.abandon();
            releaseCompressed();
            headerBlock.skipBytes(length);
            return;
        }
        if (compressed == null) {
            compressed = alloc.heapBuffer(length);
        }
        compressed.writeBytes(headerBlock);
    }

    @Override
    void endHeaderBlock(SpdyHeadersFrame frame) throws Exception {
        try {
            if (oversized) {
                throw new SpdyProtocolException("Compressed header block exceeds " + maxBlockBytes + " bytes");
            }
            if (compressed != null) {
                inflate(frame);
            }
        } finally {
            releaseCompressed();
            oversized = false;
            // Resets Netty's name/value parser for the next block, after an error too.
            super.endHeaderBlock(frame);
        }
    }

    private void inflate(SpdyHeadersFrame frame) throws Exception {
        ByteBuf unparsed = compressed.alloc().heapBuffer(INFLATED_BUFFER_BYTES);
        try {
            stream.inflate(compressed.nioBuffer(), new NameValueParser(frame, unparsed));
        } catch (DataFormatException e) {
            throw new SpdyProtocolException("Received invalid header block: " + e.getMessage(), e);
        } finally {
            unparsed.release();
        }
    }

    /** Whether the peer's header stream keeps a window worth packing while the session is quiet. */
    public boolean packable() {
        return compressed == null && stream.packable();
    }

    /** Packs the peer's header stream window until its next block, for a session gone quiet. */
    public void compactWindow() {
        if (compressed == null) {
            stream.compact();
        }
    }

    /** The bytes the peer's header stream window holds now. */
    public int windowBytes() {
        return stream.heldBytes();
    }

    @Override
    void end() {
        releaseCompressed();
        super.end();
    }

    private void releaseCompressed() {
        if (compressed != null) {
            compressed.release();
            compressed = null;
        }
    }

    /** Hands the inflated bytes to Netty's parser as they come, so that only an unfinished name or value waits. */
    private final class NameValueParser implements HeaderBlockInflater.Output {

        private final SpdyHeadersFrame frame;
        private final ByteBuf unparsed;
        private long inflatedBytes;
        private boolean invalid;

        NameValueParser(SpdyHeadersFrame frame, ByteBuf unparsed) {
            this.frame = frame;
            this.unparsed = unparsed;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws Exception {
            inflatedBytes += length;
            if (inflatedBytes > maxBlockBytes) {
                throw new SpdyProtocolException("Decompressed header block exceeds " + maxBlockBytes + " bytes");
            }
            if (invalid) {
                return; // Inflated all the same, to keep the zlib window for the session's next blocks.
            }
            unparsed.writeBytes(bytes, offset, length);
            try {
                decodeHeaderBlock(unparsed, frame);
            } catch (IllegalArgumentException e) {
                // Netty's header validation refused a name (upper case, say). Netty's parser marks the frame
                // invalid, a stream error, when the value is not empty, but lets the exception out when it is.
                frame.setInvalid();
                invalid = true;
                unparsed.clear();
                return;
            }
            unparsed.discardReadBytes();
        }
    }
}
