package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * A sub-resource the server is pushing for a request (docs/PROTOCOL.md §3.2): its SYN_STREAM's headers, and its
 * DATA until FLAG_FIN. Used on the connection's event loop only.
 */
final class PushedStream {

    private final int streamId;
    private final RequestStream owner;
    private final String path;
    private final int status;
    private final Map<String, String> headers;
    /** Copied out of each DATA chunk, so no buffer outlives the read that brought it. */
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private PushedResource received;

    /**
     * @param owner the request the stream is associated to
     */
    PushedStream(int streamId, RequestStream owner, String path, int status, Map<String, String> headers) {
        this.streamId = streamId;
        this.owner = owner;
        this.path = path;
        this.status = status;
        this.headers = headers;
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

    void onData(ByteBuf chunk) {
        body.writeBytes(ByteBufUtil.getBytes(chunk));
    }

    /** The server's FLAG_FIN: the resource is whole. */
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
