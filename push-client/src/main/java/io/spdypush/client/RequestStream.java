package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One business request in flight (docs/PROTOCOL.md §3.2): collects the reply and keeps track of the sub-resources
 * pushed for it, so that its response is complete only when the reply and every pushed stream have ended.
 * Used on the connection's event loop only.
 */
final class RequestStream {

    private final int streamId;
    private final Request request;
    private final CompletableFuture<Response> result;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** Copied out of each DATA chunk, so no buffer outlives the read that brought it. */
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** In the order the server opened them; a stream the server reset is removed. */
    private final Map<Integer, PushedStream> pushes = new LinkedHashMap<>();
    private int status = Reply.NO_STATUS;
    private boolean replyComplete;
    private boolean requestSent;

    RequestStream(int streamId, Request request, CompletableFuture<Response> result) {
        this.streamId = streamId;
        this.request = request;
        this.result = result;
    }

    int streamId() {
        return streamId;
    }

    Request request() {
        return request;
    }

    CompletableFuture<Response> result() {
        return result;
    }

    /** The whole request has gone out (SPDY's SYN_STREAM or last DATA, HTTP/2's, HTTP/1.1's request). */
    void requestSent() {
        requestSent = true;
    }

    boolean isRequestSent() {
        return requestSent;
    }

    boolean hasReply() {
        return status != Reply.NO_STATUS;
    }

    void onReply(int status, Map<String, String> headers) {
        this.status = status;
        this.headers.putAll(headers);
    }

    /** Headers after the reply's (SPDY's HEADERS frame, HTTP/2's trailers). */
    void onHeaders(Map<String, String> more) {
        headers.putAll(more);
    }

    void onData(ByteBuf chunk) {
        body.writeBytes(ByteBufUtil.getBytes(chunk));
    }

    /** The end of the request's stream: after it, no sub-resource can be pushed for it (§3.2). */
    void replyComplete() {
        replyComplete = true;
    }

    boolean isReplyComplete() {
        return replyComplete;
    }

    void addPush(PushedStream pushed) {
        pushes.put(pushed.streamId(), pushed);
    }

    /** Forgets a pushed stream that ended without its resource (reset). */
    void dropPush(PushedStream pushed) {
        pushes.remove(pushed.streamId());
    }

    List<PushedStream> openPushes() {
        return pushes.values().stream().filter(pushed -> !pushed.isFinished()).toList();
    }

    /** True when the reply is complete and so is every stream pushed for it. */
    boolean isComplete() {
        return replyComplete && pushes.values().stream().allMatch(PushedStream::isFinished);
    }

    Response response() {
        List<PushedResource> subresources = new ArrayList<>();
        pushes.values().forEach(pushed -> subresources.add(pushed.received()));
        return new Response(status, headers, body.toByteArray(), subresources);
    }
}
