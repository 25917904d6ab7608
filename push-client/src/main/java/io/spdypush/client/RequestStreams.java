package io.spdypush.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session's business requests (docs/PROTOCOL.md §3.2) and the streams the server pushes for them: opens each
 * request's stream, routes the server's frames to the request or pushed stream they belong to, and completes
 * a request once its reply and all its pushed streams have ended. Used on the connection's event loop only.
 */
final class RequestStreams {

    /**
     * The largest DATA frame the client sends. SPDY's length field has 24 bits, and SpdySessionHandler cuts
     * frames only to the flow-control window, which the server may set far larger; smaller frames also let
     * other streams' frames in between.
     */
    static final int MAX_DATA_FRAME_BYTES = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(RequestStreams.class.getName());

    private final ChannelHandlerContext ctx;
    private final ResourceCache cache;
    private final ClientSettings settings;
    private final Map<Integer, RequestStream> requests = new HashMap<>();
    /** Pushed streams still open, by their own (even) stream id. */
    private final Map<Integer, PushedStream> pushes = new HashMap<>();

    RequestStreams(ChannelHandlerContext ctx, ClientSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.cache = settings.resourceCache();
    }

    /**
     * Opens stream {@code streamId} for the request: its SYN_STREAM, then its body in DATA frames, FLAG_FIN on
     * the last frame. All frames are written at once and SpdySessionHandler holds back what the server's
     * stream and session windows do not allow yet, sending it as WINDOW_UPDATEs arrive.
     */
    void open(int streamId, Request request, CompletableFuture<Response> result) {
        RequestStream stream = new RequestStream(streamId, request, result);
        requests.put(streamId, stream);
        Set<String> have = new TreeSet<>(cachedPaths());
        ChannelFuture last = ctx.write(ClientFrames.businessRequest(streamId, request, have, settings));
        last.addListener(write -> {
            if (!write.isSuccess()) {
                // SpdySessionHandler refuses a new stream over the server's MAX_CONCURRENT_STREAMS or after GOAWAY.
                fail(stream, new IOException("could not open a stream for " + request
                        + ": too many open streams, or the session is closing", write.cause()));
            }
        });
        byte[] body = request.body();
        for (int offset = 0; offset < body.length; offset += MAX_DATA_FRAME_BYTES) {
            int length = Math.min(MAX_DATA_FRAME_BYTES, body.length - offset);
            SpdyDataFrame data = new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(body, offset, length));
            data.setLast(offset + length == body.length);
            last = ctx.write(data);
        }
        last.addListener(write -> {
            if (write.isSuccess()) {
                stream.requestSent();
            }
        });
        ctx.flush();
    }

    /** Takes the reply to a request; false when the stream is not a request's. */
    boolean onReply(SpdySynReplyFrame reply) {
        RequestStream stream = requests.get(reply.streamId());
        if (stream == null) {
            return false;
        }
        int status = ClientFrames.status(reply);
        if (status == ClientFrames.NO_STATUS) {
            protocolError(stream, "the reply to " + stream.request() + " has no valid :status");
            return true;
        }
        stream.onReply(status, ClientFrames.headers(reply));
        if (reply.isLast()) {
            replyComplete(stream);
        }
        return true;
    }

    /** Takes a HEADERS frame of a request or pushed stream; false when the stream is neither. */
    boolean onHeaders(SpdyHeadersFrame frame) {
        RequestStream stream = requests.get(frame.streamId());
        if (stream != null) {
            if (!stream.hasReply()) {
                protocolError(stream, "HEADERS before the SYN_REPLY on the stream of " + stream.request());
                return true;
            }
            stream.onHeaders(ClientFrames.headers(frame));
            if (frame.isLast()) {
                replyComplete(stream);
            }
            return true;
        }
        PushedStream pushed = pushes.get(frame.streamId());
        if (pushed == null) {
            return false;
        }
        // §3.2 puts all of a pushed resource's headers in its SYN_STREAM; only the end of the stream matters.
        if (frame.isLast()) {
            finishPush(pushed);
        }
        return true;
    }

    /** Takes DATA of a request or pushed stream; false when the stream is neither. */
    boolean onData(SpdyDataFrame data) {
        RequestStream stream = requests.get(data.streamId());
        if (stream != null) {
            stream.onData(data.content());
            if (data.isLast()) {
                replyComplete(stream);
            }
            return true;
        }
        PushedStream pushed = pushes.get(data.streamId());
        if (pushed == null) {
            return false;
        }
        pushed.onData(data.content());
        if (data.isLast()) {
            finishPush(pushed);
        }
        return true;
    }

    /**
     * Takes a stream the server opened: a sub-resource pushed for an open request (§3.2). Anything else is
     * reset, and so is a resource the cache already holds, which the server should not have pushed.
     */
    void onPush(SpdySynStreamFrame syn) {
        int streamId = syn.streamId();
        RequestStream owner = requests.get(syn.associatedStreamId());
        String path = syn.headers().getAsString(ClientFrames.PATH);
        int status = ClientFrames.status(syn);
        String problem = !syn.isUnidirectional() ? "is not unidirectional"
                : owner == null ? "is associated to stream " + syn.associatedStreamId() + ", not an open request"
                : !owner.acceptsPushes() ? "came after the end of the reply to " + owner.request()
                : path == null || status == ClientFrames.NO_STATUS ? "has no :path or no valid :status"
                : null;
        if (problem != null) {
            LOG.log(Level.WARNING, "{0} pushed stream {1} that {2}; resetting it with PROTOCOL_ERROR",
                    new Object[] {settings.authority(), streamId, problem});
            reset(streamId, SpdyStreamStatus.PROTOCOL_ERROR);
            return;
        }
        if (cachedPaths().contains(path)) {
            LOG.log(Level.FINE, "cancelling pushed stream {0}: {1} is in the cache already",
                    new Object[] {streamId, path});
            reset(streamId, SpdyStreamStatus.CANCEL);
            return;
        }
        PushedStream pushed = new PushedStream(streamId, owner, path, status, ClientFrames.headers(syn));
        owner.addPush(pushed);
        pushes.put(streamId, pushed);
        if (syn.isLast()) {
            finishPush(pushed);
        }
    }

    /** Ends the request or pushed stream the server (or SpdySessionHandler) reset; false when it is neither. */
    boolean onReset(SpdyRstStreamFrame reset) {
        RequestStream stream = requests.get(reset.streamId());
        if (stream != null) {
            fail(stream, new StreamResetException(stream.request().toString(), reset.status()));
            return true;
        }
        PushedStream pushed = pushes.remove(reset.streamId());
        if (pushed == null) {
            return false;
        }
        LOG.log(Level.FINE, "pushed stream {0} ({1}) was reset with {2}",
                new Object[] {pushed.streamId(), pushed.path(), reset.status()});
        pushed.owner().dropPush(pushed);
        completeIfDone(pushed.owner());
        return true;
    }

    /** Fails every request still waiting: the session is gone. */
    void failAll(Exception reason) {
        List<RequestStream> abandoned = new ArrayList<>(requests.values());
        requests.clear();
        pushes.clear();
        abandoned.forEach(stream -> stream.result().completeExceptionally(reason));
    }

    private void replyComplete(RequestStream stream) {
        stream.replyComplete();
        if (!stream.isRequestSent()) {
            // The server answered before reading the whole body: stop sending the rest.
            reset(stream.streamId(), SpdyStreamStatus.CANCEL);
        }
        completeIfDone(stream);
    }

    private void finishPush(PushedStream pushed) {
        pushes.remove(pushed.streamId());
        PushedResource resource = pushed.finish();
        if (cache != null && resource.status() >= 200 && resource.status() < 300) {
            try {
                cache.put(resource);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the resource cache failed to keep " + resource.path(), e);
            }
        }
        completeIfDone(pushed.owner());
    }

    /** What the cache holds; a cache that fails counts as empty, so that requests and pushes still go on. */
    private Set<String> cachedPaths() {
        if (cache == null) {
            return Set.of();
        }
        try {
            return cache.paths();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the resource cache failed to list its paths", e);
            return Set.of();
        }
    }

    private void completeIfDone(RequestStream stream) {
        if (stream.isComplete() && requests.remove(stream.streamId()) != null) {
            stream.result().complete(stream.response());
        }
    }

    /** A reply that breaks §3.2: the request's stream is reset and its future fails. */
    private void protocolError(RequestStream stream, String problem) {
        LOG.log(Level.WARNING, "{0}: {1}; resetting the stream with PROTOCOL_ERROR",
                new Object[] {settings.authority(), problem});
        reset(stream.streamId(), SpdyStreamStatus.PROTOCOL_ERROR);
        fail(stream, new PushProtocolException(problem));
    }

    /** Fails a request and cancels the streams still being pushed for it, which nobody will read. */
    private void fail(RequestStream stream, Exception reason) {
        if (requests.remove(stream.streamId()) == null) {
            return;
        }
        for (PushedStream pushed : stream.openPushes()) {
            pushes.remove(pushed.streamId());
            reset(pushed.streamId(), SpdyStreamStatus.CANCEL);
        }
        stream.result().completeExceptionally(reason);
    }

    private void reset(int streamId, SpdyStreamStatus status) {
        ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, status));
    }
}
