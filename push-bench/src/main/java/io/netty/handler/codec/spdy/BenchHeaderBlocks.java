package io.netty.handler.codec.spdy;

/**
 * Opens Netty's package-private zlib header-block decoder factory to the bench's lean SPDY client,
 * whose codec takes its own (uncompressed) header encoder, as push-rar's PushFrameCodec does.
 */
public final class BenchHeaderBlocks {

    private BenchHeaderBlocks() {
    }

    public static SpdyHeaderBlockDecoder decoder(int maxHeaderBytes) {
        return SpdyHeaderBlockDecoder.newInstance(SpdyVersion.SPDY_3_1, maxHeaderBytes);
    }
}
