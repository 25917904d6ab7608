package io.spdypush.rar.spdy;

import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * The client's streams on one HTTP/2 connection that the server has not answered yet, and the CORS origin of each
 * (docs/PROTOCOL.md §10). Kept as properties of Netty's own streams rather than in maps of our own: an idle connection
 * then holds nothing for them, and a stream the client resets or that closes leaves with Netty's. Touched only on
 * the connection's event loop.
 */
final class UnansweredStreams {

    private final Http2Connection connection;
    /** Set on a stream while it waits for its answer. */
    private final Http2Connection.PropertyKey unansweredKey;
    private final Http2Connection.PropertyKey corsOriginKey;

    UnansweredStreams(Http2Connection connection) {
        this.connection = connection;
        this.unansweredKey = connection.newKey();
        this.corsOriginKey = connection.newKey();
    }

    /** The client opened this stream; it waits for its answer. */
    void add(int streamId) {
        Http2Stream open = connection.stream(streamId);
        if (open != null) {
            open.setProperty(unansweredKey, Boolean.TRUE);
        }
    }

    boolean contains(int streamId) {
        Http2Stream open = connection.stream(streamId);
        return open != null && open.getProperty(unansweredKey) != null;
    }

    /** The stream is to be answered now, no longer waiting; false when it was answered, reset or closed. */
    boolean remove(int streamId) {
        Http2Stream open = connection.stream(streamId);
        return open != null && open.removeProperty(unansweredKey) != null;
    }

    /** The stream's request comes from an origin allowedOrigins has: its answer carries CORS headers. */
    void allowOrigin(int streamId, String origin) {
        Http2Stream open = connection.stream(streamId);
        if (open != null) {
            open.setProperty(corsOriginKey, origin);
        }
    }

    /** The allowed origin of the stream's request, or null. */
    String corsOrigin(int streamId) {
        Http2Stream open = connection.stream(streamId);
        return open == null ? null : open.getProperty(corsOriginKey);
    }
}
