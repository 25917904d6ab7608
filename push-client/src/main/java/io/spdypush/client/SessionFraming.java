package io.spdypush.client;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.util.Collection;

/**
 * How one transport carries a session's streams (docs/PROTOCOL.md §10): SPDY/3.1 and HTTP/2 as streams of one
 * connection, HTTP/1.1 as the push stream's connection plus one connection for each other request. The
 * {@link ClientSessionHandler} says what to send through it, and hears what arrives as {@link StreamEvents}. Used on
 * the connection's event loop only.
 */
interface SessionFraming {

    /**
     * A stream the framing opened.
     *
     * @param id   the stream's id, which the {@link StreamEvents} about it carry
     * @param sent completes once the whole request has gone out, or fails when the stream could not be opened
     */
    record OpenedStream(int id, ChannelFuture sent) {
    }

    /** Asks for the push stream (§2). */
    OpenedStream openPushStream(Request request);

    /**
     * Opens a normal stream (§3) for an acknowledgement or a business request.
     *
     * @param have the paths the client already holds, sent as {@code push-have} unless there are none
     */
    OpenedStream open(Request request, Collection<String> have);

    /** Ends a stream early: CANCEL for one nobody reads any more, PROTOCOL_ERROR for one that broke §3.2. */
    void reset(int streamId, SpdyStreamStatus status);

    /** Ends the session politely: GOAWAY where the transport has one; open normal streams may still finish. */
    void close();

    /** Cuts the connection, and every other connection of the session, at once. */
    void closeNow();

    /** Ends the session for the server's protocol error: GOAWAY PROTOCOL_ERROR where the transport has one. */
    void fail(PushProtocolException error);
}
