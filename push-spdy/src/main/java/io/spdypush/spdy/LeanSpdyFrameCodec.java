package io.spdypush.spdy;

import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.codec.spdy.ZlibHeaderBlockDecoders;

/**
 * Netty's SPDY/3.1 frame codec with Netty's header decoder and our {@link UncompressedHeaderEncoder},
 * which saves the Deflater, the largest memory cost of an idle connection. The adapter uses it for
 * every session, the bench for its lean client.
 */
public final class LeanSpdyFrameCodec extends SpdyFrameCodec {

    /** Netty's default: DATA reaches the handlers in chunks of 8 KiB. */
    private static final int MAX_CHUNK_BYTES = 8192;

    /**
     * @param maxHeaderBytes  the largest decompressed header block accepted
     * @param validateHeaders whether received header names and values are checked
     */
    public LeanSpdyFrameCodec(int maxHeaderBytes, boolean validateHeaders) {
        super(SpdyVersion.SPDY_3_1, MAX_CHUNK_BYTES, ZlibHeaderBlockDecoders.spdy31(maxHeaderBytes),
                new UncompressedHeaderEncoder(), validateHeaders);
    }
}
