package io.spdypush.rar.spdy;

import io.spdypush.protocol.PushHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.netty.util.concurrent.EventExecutor;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The business requests of one session (docs/PROTOCOL.md §3.2): gathers each request's body within
 * {@code maxRequestBytes}, and all the bodies of the session within twice that, hands the request
 * to the application off the event loop, and writes the answer back on its stream, or 404, 408,
 * 413, 500 or 503 with a plain-text reason. A request whose body stops coming for requestTimeout
 * gets 408, so that half-sent bodies hold nothing for long. The same on every transport (§10): the connection's
 * {@link StreamReplies} writes the answers. Touched only on the connection's event loop.
 */
final class BusinessStreams {

    private static final Logger LOG = Logger.getLogger(BusinessStreams.class.getName());

    private final ServerContext context;
    private final EventExecutor executor;
    private final PushSession session;
    private final StreamReplies replies;
    private final IntObjectMap<RequestStream> open = new IntObjectHashMap<>();
    private final long maxHeldBodyBytes;
    /** What the bodies being gathered hold of the pool, all streams together. */
    private long heldBodyBytes;

    /**
     * @param executor the connection's event loop
     * @param session  the session the requests belong to
     * @param replies  how the connection answers
     */
    BusinessStreams(ServerContext context, EventExecutor executor, PushSession session, StreamReplies replies) {
        this.context = context;
        this.executor = executor;
        this.session = session;
        this.replies = replies;
        this.maxHeldBodyBytes = 2L * context.config().maxRequestBytes();
    }

    /** The session the requests belong to. */
    PushSession session() {
        return session;
    }

    /**
     * A request's headers have come.
     *
     * @param host    the request's host ({@code :host}, {@code :authority} or {@code host}), or null
     * @param headers its other headers by lowercase name, several values joined with {@code ", "}
     * @param last    whether the request has no body
     */
    void open(int streamId, String method, String path, String host, Map<String, String> headers, boolean last) {
        if (method == null || method.isBlank() || path == null || !path.startsWith("/")) {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_REQUEST);
            replies.plainText(streamId, 400, "a request needs a method and a path starting with /");
            return;
        }
        RequestStream stream = new RequestStream(streamId, method, path, host, headers,
                have(headers.get(PushHeaders.PUSH_HAVE)), context.pools().stream().openScope(),
                context.config().maxRequestBytes());
        if (declaresTooLarge(headers.get(PushHeaders.CONTENT_LENGTH))) {
            refuseTooLarge(stream);
            if (!last) {
                open.put(streamId, stream); // its body is read and dropped until the client's end of stream
            }
            return;
        }
        open.put(streamId, stream);
        if (last) {
            dispatch(stream);
        } else {
            watchIdle(stream, context.config().requestTimeout().toNanos());
        }
    }

    /** Takes a piece of a request's body; the caller releases {@code content}. */
    void data(int streamId, ByteBuf content, boolean last) {
        RequestStream stream = open.get(streamId);
        if (stream == null) {
            return;
        }
        if (!stream.isDispatched()) {
            gather(stream, content);
        }
        if (last) {
            if (stream.isDispatched()) {
                forget(stream);
            } else {
                dispatch(stream);
            }
        }
    }

    /**
     * A request stream ended before its answer: the client reset it, or, on HTTP/2, Netty did for a stream error.
     * Its answer, if any, is dropped; a stream no longer open here (answered already) is no matter.
     */
    void reset(int streamId) {
        RequestStream stream = open.get(streamId);
        if (stream != null) {
            forget(stream);
        }
    }

    /** The session ended: every open request is dropped. */
    void closeAll() {
        open.values().forEach(this::close);
        open.clear();
    }

    private void gather(RequestStream stream, ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (!stream.fits(length)) {
            refuseTooLarge(stream);
        } else if (heldBodyBytes + length > maxHeldBodyBytes) {
            context.badInput().count(BadInputCounter.Kind.REQUEST_BODIES_OVER_LIMIT);
            refuse(stream, overloaded("the requests of this session hold more than " + maxHeldBodyBytes
                    + " body bytes; send the rest when they are answered"));
        } else {
            int heldBefore = stream.heldBytes();
            if (stream.append(chunk)) {
                heldBodyBytes += stream.heldBytes() - heldBefore;
            } else {
                refuse(stream, overloaded(context.pools().stream().fullReason() + "; send it again later"));
            }
        }
    }

    /** Answers 408, {@code delayNanos} from now or later, once the request's body has not moved for requestTimeout. */
    private void watchIdle(RequestStream stream, long delayNanos) {
        stream.idleTimer(executor.schedule(() -> {
            if (open.get(stream.streamId()) != stream || stream.isDispatched()) {
                return;
            }
            long timeoutNanos = context.config().requestTimeout().toNanos();
            long idleNanos = System.nanoTime() - stream.lastDataNanos();
            if (idleNanos < timeoutNanos) {
                watchIdle(stream, timeoutNanos - idleNanos);
                return;
            }
            context.badInput().count(BadInputCounter.Kind.REQUEST_TIMEOUT);
            answer(stream, BusinessResponse.plainText(408, "the request body did not arrive within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }, delayNanos, TimeUnit.NANOSECONDS));
    }

    private void dispatch(RequestStream stream) {
        heldBodyBytes -= stream.heldBytes();
        stream.markDispatched();
        RequestHandler handler = context.routes().find(stream.path());
        if (handler == null) {
            answer(stream, BusinessResponse.plainText(404, "no resource at " + stream.path()));
            return;
        }
        if (!context.requestStarted()) {
            answerOverloaded(stream, "too many requests in flight; retry later");
            return;
        }
        BusinessRequest request = stream.toRequest(session);
        long timeoutMillis = context.config().requestTimeout().toMillis();
        ScheduledFuture<?> timeout = executor.schedule(() -> answerOverloaded(stream,
                "the application did not answer within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        handle(handler, request).whenComplete((response, error) -> {
            context.requestFinished();
            onEventLoop(() -> {
                timeout.cancel(false);
                if (error == null) {
                    answer(stream, response);
                } else if (error instanceof RequestHandler.Overloaded || error.getCause() instanceof RequestHandler.Overloaded) {
                    answerOverloaded(stream, "the application is overloaded; retry later");
                } else {
                    LOG.log(Level.WARNING, "The application failed to answer " + request + ": " + error, error);
                    answer(stream, BusinessResponse.plainText(500, "the application failed to answer"));
                }
            });
        });
    }

    private static CompletionStage<BusinessResponse> handle(RequestHandler handler, BusinessRequest request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answerOverloaded(RequestStream stream, String reason) {
        answer(stream, overloaded(reason));
    }

    private static BusinessResponse overloaded(String reason) {
        return BusinessResponse.plainText(503, reason).withHeader(PushHeaders.RETRY_AFTER, "1");
    }

    private void refuseTooLarge(RequestStream stream) {
        context.badInput().count(BadInputCounter.Kind.REQUEST_TOO_LARGE);
        refuse(stream, BusinessResponse.plainText(413, "the request body is over the limit of "
                + context.config().maxRequestBytes() + " bytes"));
    }

    /** Answers before the body has all come; the rest of it is read and dropped until the client's FIN. */
    private void refuse(RequestStream stream, BusinessResponse response) {
        stream.markDispatched();
        replies.answer(stream, response);
        close(stream);
    }

    /**
     * Writes the answer unless the stream was reset or the session ended meanwhile; first answer wins. An answer
     * with bodies while the stream pool is at its cap becomes a 503: its bodies would take the pool's buffers.
     */
    private void answer(RequestStream stream, BusinessResponse response) {
        if (open.get(stream.streamId()) != stream) {
            return;
        }
        forget(stream);
        boolean hasBodies = response.bodyLength() > 0 || !response.subresources().isEmpty();
        if (hasBodies && !context.pools().stream().admitsNewWork()) {
            replies.answer(stream, overloaded(context.pools().stream().fullReason() + "; ask again later"));
            return;
        }
        replies.answer(stream, response);
    }

    private void forget(RequestStream stream) {
        open.remove(stream.streamId());
        close(stream);
    }

    private void close(RequestStream stream) {
        heldBodyBytes -= stream.heldBytes();
        stream.close();
    }

    private void onEventLoop(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "Answer dropped: the adapter is stopping");
        }
    }

    private boolean declaresTooLarge(String contentLength) {
        try {
            return contentLength != null && Long.parseLong(contentLength.trim()) > context.config().maxRequestBytes();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Set<String> have(String pushHave) {
        if (pushHave == null) {
            return Set.of();
        }
        return Arrays.stream(pushHave.split(",")).map(String::trim).filter(path -> !path.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
