package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
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
 * The session's business requests (docs/PROTOCOL.md §3.2) and the streams the server pushes for them, whatever the
 * transport: opens each request's stream, routes what the server sends to the request or pushed stream it belongs
 * to, and completes a request once its reply and all its pushed streams have ended. Used on the connection's event
 * loop only.
 */
final class RequestStreams {

    private static final Logger LOG = Logger.getLogger(RequestStreams.class.getName());

    private final SessionFraming framing;
    private final ResourceCache cache;
    private final ClientSettings settings;
    private final Map<Integer, RequestStream> requests = new HashMap<>();
    /** Pushed streams still open, by their own (even) stream id. */
    private final Map<Integer, PushedStream> pushes = new HashMap<>();

    RequestStreams(ClientSettings settings, SessionFraming framing) {
        this.framing = framing;
        this.settings = settings;
        this.cache = settings.resourceCache();
    }

    /** Opens a stream for the request, telling the server what the cache holds ({@code push-have}). */
    void open(Request request, CompletableFuture<Response> result) {
        SessionFraming.OpenedStream opened = framing.open(request, new TreeSet<>(cachedPaths()));
        RequestStream stream = new RequestStream(opened.id(), request, result);
        requests.put(opened.id(), stream);
        opened.sent().addListener(sent -> {
            if (sent.isSuccess()) {
                stream.requestSent();
            } else if (!stream.isReplyComplete()) {
                // Once the server has answered, the rest of the request is not needed (and was cancelled).
                fail(stream, new IOException("could not send " + request + ": " + sent.cause().getMessage(),
                        sent.cause()));
            }
        });
    }

    /**
     * Takes headers on a request or pushed stream: the first are its reply, later ones add to it. False when the
     * stream is neither.
     */
    boolean onHeaders(int streamId, Reply reply, boolean last) {
        RequestStream stream = requests.get(streamId);
        if (stream != null) {
            if (stream.hasReply()) {
                stream.onHeaders(reply.headers());
            } else if (reply.status() == Reply.NO_STATUS) {
                protocolError(stream, "the reply to " + stream.request() + " has no valid :status");
                return true;
            } else {
                stream.onReply(reply.status(), reply.headers());
            }
            if (last) {
                replyComplete(stream);
            }
            return true;
        }
        PushedStream pushed = pushes.get(streamId);
        if (pushed == null) {
            return false;
        }
        if (!pushed.hasReply()) {
            if (reply.status() == Reply.NO_STATUS) {
                refusePush(pushed, "has no valid :status");
                return true;
            }
            pushed.onReply(reply.status(), reply.headers());
        }
        if (last) {
            finishPush(pushed);
        }
        return true;
    }

    /** Takes body bytes of a request or pushed stream; false when the stream is neither. */
    boolean onData(int streamId, ByteBuf data, boolean last) {
        RequestStream stream = requests.get(streamId);
        if (stream != null) {
            stream.onData(data);
            if (last) {
                replyComplete(stream);
            }
            return true;
        }
        PushedStream pushed = pushes.get(streamId);
        if (pushed == null) {
            return false;
        }
        pushed.onData(data);
        if (last) {
            finishPush(pushed);
        }
        return true;
    }

    /**
     * Takes a stream the server will push: a sub-resource of an open request (§3.2). Anything else is reset, and so
     * is a resource the cache already holds, which the server should not have pushed.
     */
    void onPushPromise(int pushedStreamId, int requestStreamId, String path) {
        RequestStream owner = requests.get(requestStreamId);
        String problem = owner == null ? "is associated to stream " + requestStreamId + ", not an open request"
                : owner.isReplyComplete() ? "came after the end of the reply to " + owner.request()
                : path == null ? "has no :path"
                : null;
        if (problem != null) {
            LOG.log(Level.WARNING, "{0} pushed stream {1} that {2}; resetting it with PROTOCOL_ERROR",
                    new Object[] {settings.authority(), pushedStreamId, problem});
            framing.reset(pushedStreamId, SpdyStreamStatus.PROTOCOL_ERROR);
            return;
        }
        if (cachedPaths().contains(path)) {
            LOG.log(Level.FINE, "cancelling pushed stream {0}: {1} is in the cache already",
                    new Object[] {pushedStreamId, path});
            framing.reset(pushedStreamId, SpdyStreamStatus.CANCEL);
            return;
        }
        PushedStream pushed = new PushedStream(pushedStreamId, owner, path);
        owner.addPush(pushed);
        pushes.put(pushedStreamId, pushed);
    }

    /** Ends the request or pushed stream that was reset; false when it is neither. */
    boolean onReset(int streamId, SpdyStreamStatus status) {
        RequestStream stream = requests.get(streamId);
        if (stream != null) {
            fail(stream, new StreamResetException(stream.request().toString(), status));
            return true;
        }
        PushedStream pushed = pushes.get(streamId);
        if (pushed == null) {
            return false;
        }
        LOG.log(Level.FINE, "pushed stream {0} ({1}) was reset with {2}",
                new Object[] {pushed.streamId(), pushed.path(), status});
        dropPush(pushed);
        return true;
    }

    /** Fails the request of the stream for the reason; false when the stream is not a request's still waiting. */
    boolean fail(int streamId, IOException reason) {
        RequestStream stream = requests.get(streamId);
        if (stream == null) {
            return false;
        }
        fail(stream, reason);
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
            framing.reset(stream.streamId(), SpdyStreamStatus.CANCEL);
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

    /** A pushed stream that breaks §3.2 is reset; its request goes on without it. */
    private void refusePush(PushedStream pushed, String problem) {
        LOG.log(Level.WARNING, "{0} pushed stream {1} ({2}) that {3}; resetting it with PROTOCOL_ERROR",
                new Object[] {settings.authority(), pushed.streamId(), pushed.path(), problem});
        framing.reset(pushed.streamId(), SpdyStreamStatus.PROTOCOL_ERROR);
        dropPush(pushed);
    }

    /** Forgets a pushed stream that ended without its resource; its request may be complete now. */
    private void dropPush(PushedStream pushed) {
        pushes.remove(pushed.streamId());
        pushed.owner().dropPush(pushed);
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
        framing.reset(stream.streamId(), SpdyStreamStatus.PROTOCOL_ERROR);
        fail(stream, new PushProtocolException(problem));
    }

    /** Fails a request and cancels the streams still being pushed for it, which nobody will read. */
    private void fail(RequestStream stream, IOException reason) {
        if (requests.remove(stream.streamId()) == null) {
            return;
        }
        for (PushedStream pushed : stream.openPushes()) {
            pushes.remove(pushed.streamId());
            framing.reset(pushed.streamId(), SpdyStreamStatus.CANCEL);
        }
        stream.result().completeExceptionally(reason);
    }
}
