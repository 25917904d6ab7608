package io.netty.handler.codec.spdy;

/**
 * Opens Netty's zlib header-block decoder, whose factory is package-private, to
 * {@code io.spdypush.spdy.LeanSpdyFrameCodec}: the codec's only constructor that takes our own
 * header encoder also wants the decoder. Lives in Netty's package for that reason alone; it
 * works wherever our classes and Netty's share a class loader (the RAR, the bench, the tests).
 */
public final class ZlibHeaderBlockDecoders {

    private ZlibHeaderBlockDecoders() {
    }

    /** Netty's own SPDY/3.1 header decoder, refusing blocks over {@code maxHeaderBytes}. */
    public static SpdyHeaderBlockDecoder spdy31(int maxHeaderBytes) {
        return SpdyHeaderBlockDecoder.newInstance(SpdyVersion.SPDY_3_1, maxHeaderBytes);
    }
}
