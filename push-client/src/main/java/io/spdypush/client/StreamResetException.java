package io.spdypush.client;

import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.io.IOException;

/**
 * A stream ended with RST_STREAM before its reply was complete; the status says why, in SPDY/3.1's words also over
 * HTTP/2, whose error codes have the same names (STREAM_CLOSED is STREAM_ALREADY_CLOSED, FRAME_SIZE_ERROR
 * FRAME_TOO_LARGE, and those SPDY lacks INTERNAL_ERROR).
 */
public class StreamResetException extends IOException {

    private final SpdyStreamStatus status;

    /**
     * @param what   what the stream was for, for the message ("GET /index.html")
     * @param status the RST_STREAM status
     */
    public StreamResetException(String what, SpdyStreamStatus status) {
        super("the stream of " + what + " was reset with " + status + hint(status));
        this.status = status;
    }

    /** The RST_STREAM status, e.g. {@code REFUSED_STREAM} when the server has too many open streams. */
    public SpdyStreamStatus status() {
        return status;
    }

    private static String hint(SpdyStreamStatus status) {
        if (status.equals(SpdyStreamStatus.REFUSED_STREAM)) {
            return " (the server has too many open streams; try again later)";
        }
        if (status.equals(SpdyStreamStatus.FRAME_TOO_LARGE)) {
            return " (the request's headers are over the server's limit)";
        }
        return "";
    }
}
