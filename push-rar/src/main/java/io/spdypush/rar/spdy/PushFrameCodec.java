package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.codec.spdy.ZlibHeaderBlockDecoders;

/**
 * Netty's SPDY/3.1 frame codec with Netty's header decoder and our {@link UncompressedHeaderEncoder},
 * which saves the Deflater, the largest memory cost of an idle session.
 */
final class PushFrameCodec extends SpdyFrameCodec {

    /** Netty's default: DATA reaches the handlers in chunks of 8 KiB. */
    private static final int MAX_CHUNK_BYTES = 8192;

    PushFrameCodec(int maxHeaderBytes) {
        super(SpdyVersion.SPDY_3_1, MAX_CHUNK_BYTES, ZlibHeaderBlockDecoders.spdy31(maxHeaderBytes),
                new UncompressedHeaderEncoder(), true);
    }
}
