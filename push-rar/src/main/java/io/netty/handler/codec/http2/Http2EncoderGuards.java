package io.netty.handler.codec.http2;

/**
 * The two guards Netty's HTTP/2 builder puts around a server's connection encoder, for a codec that brings its own
 * frame writer (and so must hand the builder a finished encoder): a bound on control frames queued for a peer that
 * does not read (PING and SETTINGS acknowledgements, resets), and a bound on the RST_STREAMs the server sends in a
 * window (MadeYouReset). Both classes are package-private in Netty, hence this class in Netty's package; it works
 * wherever our classes and Netty's share a class loader (the RAR, the tests).
 */
public final class Http2EncoderGuards {

    private Http2EncoderGuards() {
    }

    /**
     * {@code encoder} within {@code maxQueuedControlFrames} unflushed control frames and {@code maxResets} resets
     * sent per {@code resetWindowSeconds}, as Netty's builder wraps it by default on a server.
     */
    public static Http2ConnectionEncoder guarded(Http2ConnectionEncoder encoder, int maxQueuedControlFrames,
                                                 int maxResets, int resetWindowSeconds) {
        return new Http2MaxRstFrameLimitEncoder(new Http2ControlFrameLimitEncoder(encoder, maxQueuedControlFrames),
                maxResets, resetWindowSeconds);
    }
}
