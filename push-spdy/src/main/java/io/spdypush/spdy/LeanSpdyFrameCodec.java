package io.spdypush.spdy;

import io.netty.handler.codec.spdy.SharedInflaterHeaderBlockDecoder;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;

/**
 * Netty's SPDY/3.1 frame codec with our header encoder and decoder, {@link UncompressedHeaderEncoder}
 * and {@link SharedInflaterHeaderBlockDecoder}, so that a connection keeps neither a Deflater nor an
 * Inflater, the largest memory costs of an idle connection. The adapter uses it for every session,
 * the bench for its lean client.
 */
public final class LeanSpdyFrameCodec extends SpdyFrameCodec {

    /** Netty's default: DATA reaches the handlers in chunks of 8 KiB. */
    private static final int MAX_CHUNK_BYTES = 8192;

    /**
     * @param maxHeaderBytes  the largest decompressed header block accepted
     * @param validateHeaders whether received header names and values are checked
     */
    public LeanSpdyFrameCodec(int maxHeaderBytes, boolean validateHeaders) {
        super(SpdyVersion.SPDY_3_1, MAX_CHUNK_BYTES, new SharedInflaterHeaderBlockDecoder(maxHeaderBytes),
                new UncompressedHeaderEncoder(), validateHeaders);
    }
}
