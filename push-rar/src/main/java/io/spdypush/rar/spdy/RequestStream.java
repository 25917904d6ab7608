package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.spdypush.api.BusinessRequest;
import io.spdypush.rar.pool.MemoryPool;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One normal stream carrying a business request (docs/PROTOCOL.md §3.2), from its SYN_STREAM until it
 * is answered: its headers and the body gathered so far, in a buffer of the {@code stream} pool that
 * grows with what arrives (never to a {@code content-length} the client merely declares), and when
 * its last DATA arrived. Touched only on the session's event loop.
 */
final class RequestStream {

    /** The smallest body buffer; a body grows from it by doubling as its bytes arrive. */
    private static final int INITIAL_BODY_BYTES = 1024;

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
    private long lastDataNanos = System.nanoTime();
    private Future<?> idleTimer;

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

    /** The bytes the gathered body holds of the pool, its buffer's capacity. */
    int heldBytes() {
        return body == null ? 0 : body.capacity();
    }

    /** When the last DATA of this request arrived, or the stream opened ({@code System.nanoTime()}). */
    long lastDataNanos() {
        return lastDataNanos;
    }

    /** The timer that answers the request when its body stops coming; cancelled when the stream closes. */
    void idleTimer(Future<?> timer) {
        idleTimer = timer;
    }

    /** Whether {@code length} more body bytes stay within maxRequestBytes. */
    boolean fits(int length) {
        int current = body == null ? 0 : body.readableBytes();
        return (long) current + length <= maxBodyBytes;
    }

    /**
     * Adds a chunk of body, which {@link #fits} the limit; false, with nothing added, when the stream pool is at
     * its cap and the body cannot grow.
     */
    boolean append(ByteBuf chunk) {
        lastDataNanos = System.nanoTime();
        int length = chunk.readableBytes();
        int current = body == null ? 0 : body.readableBytes();
        if ((body == null || body.writableBytes() < length) && !grow(current + length)) {
            return false;
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
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        body = null;
        scope.close();
    }

    private boolean grow(int needed) {
        int doubled = body == null ? INITIAL_BODY_BYTES : body.capacity() * 2;
        int capacity = (int) Math.min(maxBodyBytes, Math.max(needed, (long) doubled));
        ByteBuf larger = scope.bufferWithinCap(capacity);
        if (larger == null) {
            return false;
        }
        if (body != null) {
            larger.writeBytes(body);
            release();
        }
        body = larger;
        return true;
    }

    private void release() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
