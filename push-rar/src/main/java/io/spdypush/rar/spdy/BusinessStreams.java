package io.spdypush.rar.spdy;

import io.spdypush.protocol.PushHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * gets 408, so that half-sent bodies hold nothing for long. Touched only on the session's event loop.
 */
final class BusinessStreams {

    private static final Logger LOG = Logger.getLogger(BusinessStreams.class.getName());

    private final ServerContext context;
    private final ChannelHandlerContext ctx;
    private final PushSession session;
    private final BusinessReply replies;
    private final BusinessReply.PushStreamIds pushStreamIds = new BusinessReply.PushStreamIds();
    private final IntObjectMap<RequestStream> open = new IntObjectHashMap<>();
    private final long maxHeldBodyBytes;
    /** What the bodies being gathered hold of the pool, all streams together. */
    private long heldBodyBytes;

    BusinessStreams(ServerContext context, ChannelHandlerContext ctx, PushSession session) {
        this.context = context;
        this.ctx = ctx;
        this.session = session;
        this.replies = new BusinessReply(context.pools().stream(), context.config().maxPayloadBytes(),
                context.isTls() ? "https" : "http", context.config().writeTimeout());
        this.maxHeldBodyBytes = 2L * context.config().maxRequestBytes();
    }

    void open(SpdySynStreamFrame synStream) {
        int streamId = synStream.streamId();
        SpdyHeaders headers = synStream.headers();
        String method = headers.getAsString(":method");
        String path = headers.getAsString(":path");
        if (method == null || method.isBlank() || path == null || !path.startsWith("/")) {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_REQUEST);
            Replies.plainText(ctx, streamId, 400, "a request needs :method and a :path starting with /");
            return;
        }
        Map<String, String> requestHeaders = requestHeaders(headers);
        RequestStream stream = new RequestStream(streamId, method, path, headers.getAsString(":host"), requestHeaders,
                have(requestHeaders.get(PushHeaders.PUSH_HAVE)), context.pools().stream().openScope(),
                context.config().maxRequestBytes());
        if (declaresTooLarge(requestHeaders.get(PushHeaders.CONTENT_LENGTH))) {
            refuseTooLarge(stream);
            if (!synStream.isLast()) {
                open.put(streamId, stream); // its body is read and dropped until the client's FIN
            }
            return;
        }
        open.put(streamId, stream);
        if (synStream.isLast()) {
            dispatch(stream);
        } else {
            watchIdle(stream, context.config().requestTimeout().toNanos());
        }
    }

    /** Takes a DATA frame of a request; the caller releases it. */
    void data(SpdyDataFrame data) {
        RequestStream stream = open.get(data.streamId());
        if (stream == null) {
            return;
        }
        if (!stream.isDispatched()) {
            gather(stream, data.content());
        }
        if (data.isLast()) {
            if (stream.isDispatched()) {
                forget(stream);
            } else {
                dispatch(stream);
            }
        }
    }

    /** The client reset a request stream: its answer, if any, is dropped. */
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
            refuse(stream, BusinessResponse.plainText(503, "the requests of this session hold more than "
                    + maxHeldBodyBytes + " body bytes; send the rest when they are answered")
                    .withHeader(PushHeaders.RETRY_AFTER, "1"));
        } else {
            int heldBefore = stream.heldBytes();
            stream.append(chunk);
            heldBodyBytes += stream.heldBytes() - heldBefore;
        }
    }

    /** Answers 408, {@code delayNanos} from now or later, once the request's body has not moved for requestTimeout. */
    private void watchIdle(RequestStream stream, long delayNanos) {
        stream.idleTimer(ctx.executor().schedule(() -> {
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
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> answerOverloaded(stream,
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
        answer(stream, BusinessResponse.plainText(503, reason).withHeader(PushHeaders.RETRY_AFTER, "1"));
    }

    private void refuseTooLarge(RequestStream stream) {
        context.badInput().count(BadInputCounter.Kind.REQUEST_TOO_LARGE);
        refuse(stream, BusinessResponse.plainText(413, "the request body is over the limit of "
                + context.config().maxRequestBytes() + " bytes"));
    }

    /** Answers before the body has all come; the rest of it is read and dropped until the client's FIN. */
    private void refuse(RequestStream stream, BusinessResponse response) {
        stream.markDispatched();
        replies.write(ctx, stream, response, pushStreamIds);
        close(stream);
    }

    /** Writes the answer unless the stream was reset or the session ended meanwhile; first answer wins. */
    private void answer(RequestStream stream, BusinessResponse response) {
        if (open.get(stream.streamId()) != stream) {
            return;
        }
        forget(stream);
        replies.write(ctx, stream, response, pushStreamIds);
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
            ctx.executor().execute(task);
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

    /** The request's headers without the SPDY pseudo-headers, several values joined. */
    private static Map<String, String> requestHeaders(SpdyHeaders headers) {
        Map<String, String> result = new LinkedHashMap<>();
        for (CharSequence name : headers.names()) {
            String lowercase = name.toString().toLowerCase(Locale.ROOT);
            if (!lowercase.startsWith(":")) {
                result.put(lowercase, String.join(", ", headers.getAllAsString(name)));
            }
        }
        return result;
    }

    private static Set<String> have(String pushHave) {
        if (pushHave == null) {
            return Set.of();
        }
        return Arrays.stream(pushHave.split(",")).map(String::trim).filter(path -> !path.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
