package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sub-resource the server is pushing for a request (docs/PROTOCOL.md §3.2, §10): its path, promised first (SPDY's
 * SYN_STREAM, HTTP/2's PUSH_PROMISE), then its status and headers, and its body until the stream ends. Used on the
 * connection's event loop only.
 */
final class PushedStream {

    private final int streamId;
    private final RequestStream owner;
    private final String path;
    private int status = Reply.NO_STATUS;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** Copied out of each DATA chunk, so no buffer outlives the read that brought it. */
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private PushedResource received;

    /**
     * @param owner the request the stream is associated to
     */
    PushedStream(int streamId, RequestStream owner, String path) {
        this.streamId = streamId;
        this.owner = owner;
        this.path = path;
    }

    int streamId() {
        return streamId;
    }

    RequestStream owner() {
        return owner;
    }

    String path() {
        return path;
    }

    boolean hasReply() {
        return status != Reply.NO_STATUS;
    }

    /** The pushed response's status and headers. */
    void onReply(int status, Map<String, String> headers) {
        this.status = status;
        this.headers.putAll(headers);
    }

    void onData(ByteBuf chunk) {
        body.writeBytes(ByteBufUtil.getBytes(chunk));
    }

    /** The end of the stream: the resource is whole. */
    PushedResource finish() {
        received = new PushedResource(path, status, headers, body.toByteArray());
        return received;
    }

    boolean isFinished() {
        return received != null;
    }

    /** The resource received whole, or null while its stream is open. */
    PushedResource received() {
        return received;
    }
}
