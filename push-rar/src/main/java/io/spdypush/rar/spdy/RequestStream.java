package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.spdypush.api.BusinessRequest;
import io.spdypush.rar.pool.MemoryPool;

import java.util.Map;
import java.util.Set;

/**
 * One normal stream carrying a business request (PROTOCOL.md §3.2), from its SYN_STREAM until it
 * is answered: its headers and the body gathered so far, in a buffer of the {@code stream} pool.
 * Touched only on the session's event loop.
 */
final class RequestStream {

    /** The first body buffer when the request does not say its length. */
    private static final int INITIAL_BODY_BYTES = 8192;

    private final int streamId;
    private final String method;
    private final String path;
    private final String host;
    private final Map<String, String> headers;
    private final Set<String> have;
    private final MemoryPool.Scope scope;
    private final int maxBodyBytes;
    private ByteBuf body;
    private boolean dispatched;

    RequestStream(int streamId, String method, String path, String host, Map<String, String> headers, Set<String> have,
                  MemoryPool.Scope scope, int maxBodyBytes) {
        this.streamId = streamId;
        this.method = method;
        this.path = path;
        this.host = host;
        this.headers = headers;
        this.have = have;
        this.scope = scope;
        this.maxBodyBytes = maxBodyBytes;
    }

    int streamId() {
        return streamId;
    }

    String path() {
        return path;
    }

    /** The request's {@code :host}, or null. */
    String host() {
        return host;
    }

    /** The paths the client listed in {@code push-have}. */
    Set<String> have() {
        return have;
    }

    boolean isDispatched() {
        return dispatched;
    }

    void markDispatched() {
        dispatched = true;
    }

    /**
     * Adds a chunk of body.
     *
     * @return false, adding nothing, when the body would exceed the limit
     */
    boolean append(ByteBuf chunk) {
        int length = chunk.readableBytes();
        int current = body == null ? 0 : body.readableBytes();
        if ((long) current + length > maxBodyBytes) {
            return false;
        }
        if (body == null || body.writableBytes() < length) {
            grow(current + length);
        }
        body.writeBytes(chunk);
        return true;
    }

    /** The request as the application sees it; the gathered body is given back to the pool. */
    BusinessRequest toRequest(PushSession session) {
        byte[] bytes = body == null ? new byte[0] : ByteBufUtil.getBytes(body);
        release();
        return new BusinessRequest(session.client().clientId(), session.sessionId(), method, path, headers, bytes);
    }

    /** Ends the stream's use of the pool; a body still held then is counted as reclaimed. */
    void close() {
        scope.close();
    }

    private void grow(int needed) {
        int declared = declaredLength();
        int doubled = body == null ? INITIAL_BODY_BYTES : body.capacity() * 2;
        int capacity = (int) Math.min(maxBodyBytes, Math.max(needed, Math.max(declared, (long) doubled)));
        ByteBuf larger = scope.buffer(capacity);
        if (body != null) {
            larger.writeBytes(body);
            release();
        }
        body = larger;
    }

    private int declaredLength() {
        try {
            String length = headers.get("content-length");
            return length == null ? 0 : Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void release() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
