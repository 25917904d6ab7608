package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.io.IOException;

/**
 * What the server sends on a session's streams, in the protocol's words whatever the transport (docs/PROTOCOL.md §2,
 * §3, §10): a {@link SessionFraming} turns its transport's frames into these calls, on the connection's event loop.
 * Stream ids are those the framing gave when it opened the stream, or the server's for pushed streams.
 */
interface StreamEvents {

    /** Headers on a stream: the first are its reply, later ones add to it; {@code last} ends the stream. */
    void onHeaders(int streamId, Reply reply, boolean last);

    /** Body bytes on a stream, owned by the caller; {@code last} ends the stream. */
    void onData(int streamId, ByteBuf data, boolean last);

    /**
     * The server will push {@code path} on {@code pushedStreamId}, a sub-resource of the request on
     * {@code requestStreamId} (§3.2).
     */
    void onPushPromise(int pushedStreamId, int requestStreamId, String path);

    /** The stream was reset; SPDY's statuses name HTTP/2's error codes too. */
    void onReset(int streamId, SpdyStreamStatus status);

    /** The stream cannot end any more: the HTTP/1.1 connection it had to itself was lost. */
    void onLost(int streamId, IOException cause);

    /** The server ends the session politely: GOAWAY, or the end of an HTTP/1.1 push response. */
    void onGoAway(SessionClosedException reason);

    /** The transport found the server breaking its rules and is closing the connection itself. */
    void onFailed(SessionClosedException reason);
}
