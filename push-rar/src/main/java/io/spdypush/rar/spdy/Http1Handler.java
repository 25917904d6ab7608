package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTP/1.1 connection (docs/PROTOCOL.md §10), above Netty's codec, which bounds the request line and the
 * headers: one request at a time. {@code GET /push} makes the connection a push stream for as long as the session
 * lives; any other request names its session in {@code push-session} and is an acknowledgement ({@code POST /ack})
 * or a business request, answered with its sub-resources tagged and linked with {@code rel=preload}. A request head
 * must come within pushStreamTimeoutSeconds of the connection or the previous answer, and a request body within
 * requestTimeoutSeconds (slowloris); an answer given before its request's body has all come closes the connection.
 */
final class Http1Handler extends ChannelInboundHandlerAdapter implements StreamReplies {

    private static final Logger LOG = Logger.getLogger(Http1Handler.class.getName());

    private final ServerContext context;
    private ChannelHandlerContext ctx;
    /** The session this connection carries the push stream of, or null. */
    private PushSession pushSession;
    private BusinessStreams businessStreams;
    /** The id of the request being read or answered: one more for each request of the connection. */
    private int requestId;
    private boolean requestOpen;
    private boolean requestComplete;
    private boolean answered;
    private boolean keepAlive;
    /** The request's origin when allowedOrigins has it (its answer carries CORS headers), else null. */
    private String corsOrigin;
    private ScheduledFuture<?> deadline;

    Http1Handler(ServerContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        awaitRequestHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (pushSession != null || !ctx.channel().isActive()) {
                return; // a push connection reads nothing more; a closing one neither
            }
            if (msg instanceof HttpRequest request) {
                onRequest(request);
            }
            if (msg instanceof HttpContent content && requestOpen && !requestComplete) {
                boolean last = content instanceof LastHttpContent;
                requestComplete = last;
                if (businessStreams != null && !answered) {
                    businessStreams.data(requestId, content.content(), last);
                }
                if (last && answered) {
                    endExchange();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        if (businessStreams != null) {
            businessStreams.closeAll();
        }
        if (pushSession != null) {
            context.sessionEnded(pushSession);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "Closing connection from " + ctx.channel().remoteAddress() + ": " + cause, cause);
        ChannelClose.now(ctx.channel());
    }

    private void onRequest(HttpRequest request) {
        if (requestOpen) {
            // Pipelined: §10 takes one request per connection at a time.
            context.badInput().count(BadInputCounter.Kind.MALFORMED_REQUEST);
            LOG.log(Level.FINE, "Closing connection from {0}: a request came before the previous one was answered",
                    ctx.channel().remoteAddress());
            ChannelClose.now(ctx.channel());
            return;
        }
        cancelDeadline();
        requestId++;
        requestOpen = true;
        requestComplete = false;
        answered = false;
        corsOrigin = null; // the previous request's, until this one's headers are read
        if (request.decoderResult().isFailure()) {
            refuseUnreadable(request.decoderResult().cause());
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        // The empty last content Netty's codec passes on after a request without a body is not waited for.
        requestComplete = !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
        HttpHeaders headers = request.headers();
        UnaryOperator<String> header = headers::get;
        String path = request.uri();
        String method = request.method().name();
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        corsOrigin = context.cors().allowedOrigin(origin);
        if (CorsPolicy.isPreflight(method, origin, headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD))) {
            answerPreflight(origin);
            return;
        }
        if (PushHeaders.PUSH_PATH.equals(path)) {
            openPushStream(method, header);
            return;
        }
        PushSession session;
        try {
            session = SessionBinding.find(context, header);
        } catch (SessionBinding.Unbound e) {
            plainText(requestId, e.status(), e.getMessage());
            return;
        }
        if (PushHeaders.ACK_PATH.equals(path) && PushHeaders.ACK_METHOD.equals(method)) {
            try {
                ack(requestId, Acknowledging.acknowledge(context, session, header.apply(PushHeaders.PUSH_ACK)));
            } catch (Acknowledging.BadAck e) {
                plainText(requestId, 400, e.getMessage());
            }
            return;
        }
        if (businessStreams == null || businessStreams.session() != session) {
            businessStreams = new BusinessStreams(context, ctx.executor(), session, this);
        }
        businessStreams.open(requestId, method, path, headers.get(HttpHeaderNames.HOST),
                RequestHeaders.of(headers.iteratorCharSequence()), requestComplete);
    }

    private void openPushStream(String method, UnaryOperator<String> headers) {
        int streamId = requestId;
        context.pushStreamOpening().open(ctx.channel(), method, headers, new PushStreamExchange() {
            private Http1SessionTransport transport;

            @Override
            public void refuse(int status, Integer retryAfterSeconds) {
                FullHttpResponse response = text(status, Http2Replies.refusalReason(status));
                if (retryAfterSeconds != null) {
                    response.headers().set(PushHeaders.RETRY_AFTER, retryAfterSeconds);
                }
                send(streamId, response);
            }

            @Override
            public boolean isWaiting() {
                return requestId == streamId && !answered && ctx.channel().isActive();
            }

            @Override
            public SessionTransport transport() {
                transport = new Http1SessionTransport(ctx.channel(), context.config());
                return transport;
            }

            @Override
            public void accept(PushSession opened, long heartbeatSeconds) {
                pushSession = opened;
                answered = true;
                cancelDeadline();
                HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                response.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, PushHeaders.PACKETS_CONTENT_TYPE)
                        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                        .set(PushHeaders.PUSH_SESSION, opened.sessionId())
                        .set(PushHeaders.PUSH_HEARTBEAT, heartbeatSeconds);
                if (corsOrigin != null) {
                    CorsPolicy.answer(corsOrigin, response.headers()::set);
                }
                ctx.writeAndFlush(response);
                transport.start();
            }
        });
    }

    private void answerPreflight(String origin) {
        if (corsOrigin == null) {
            plainText(requestId, 403, "the origin " + origin + " is not in allowedOrigins");
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        CorsPolicy.preflight(corsOrigin, response.headers()::set);
        send(requestId, response);
    }

    @Override
    public void plainText(int streamId, int status, String reason) {
        send(streamId, text(status, reason));
    }

    @Override
    public void ack(int streamId, long acknowledged) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(PushHeaders.PUSH_ACK, SeqValues.format(acknowledged))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        send(streamId, response);
    }

    /** Sub-resources are tagged, and each one the client does not have is linked with {@code rel=preload}. */
    @Override
    public void answer(RequestStream request, BusinessResponse response) {
        ByteBuf body = response.bodyLength() == 0 ? Unpooled.EMPTY_BUFFER
                : context.pools().stream().buffer(response.bodyLength()).writeBytes(response.body());
        FullHttpResponse reply = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), body);
        ReplyHeaders.forEach(response, reply.headers()::set);
        for (Subresource subresource : response.subresources()) {
            if (!request.have().contains(subresource.path())) {
                reply.headers().add(PushHeaders.LINK, ReplyHeaders.preload(subresource));
            }
        }
        send(request.streamId(), reply);
    }

    /** Writes the answer of the request {@code streamId}, unless that request is over; first answer wins. */
    private void send(int streamId, FullHttpResponse response) {
        if (streamId != requestId || answered || !ctx.channel().isActive()) {
            response.release();
            return;
        }
        answered = true;
        if (corsOrigin != null) {
            CorsPolicy.answer(corsOrigin, response.headers()::set);
        }
        boolean close = !keepAlive || !requestComplete && requestOpen;
        HttpUtil.setKeepAlive(response, !close);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else if (requestComplete) {
            endExchange();
        } else {
            awaitRequestEnd();
        }
    }

    private void refuseUnreadable(Throwable cause) {
        keepAlive = false;
        if (cause instanceof TooLongHttpLineException) {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_REQUEST);
            plainText(requestId, 414, "the request line is over its limit");
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            context.badInput().count(BadInputCounter.Kind.HEADER_BLOCK_TOO_LARGE);
            plainText(requestId, 431, "the request headers are over maxHeaderBytes (" + context.config().maxHeaderBytes()
                    + ")");
        } else {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_REQUEST);
            plainText(requestId, 400, "the request cannot be read as HTTP/1.1: " + cause.getMessage());
        }
    }

    /** The request has been read and answered: the connection waits for the next one. */
    private void endExchange() {
        requestOpen = false;
        awaitRequestHead();
    }

    private void awaitRequestHead() {
        Duration timeout = context.config().pushStreamTimeout();
        armDeadline(timeout, "no request came within " + timeout.toSeconds() + " s (pushStreamTimeoutSeconds)",
                BadInputCounter.Kind.NO_PUSH_STREAM);
    }

    private void awaitRequestEnd() {
        Duration timeout = context.config().requestTimeout();
        armDeadline(timeout, "the request body did not end within " + timeout.toSeconds() + " s (requestTimeoutSeconds)",
                BadInputCounter.Kind.REQUEST_TIMEOUT);
    }

    private void armDeadline(Duration timeout, String why, BadInputCounter.Kind kind) {
        cancelDeadline();
        deadline = ctx.executor().schedule(() -> {
            context.badInput().count(kind);
            LOG.log(Level.FINE, "Dropping connection from {0}: {1}", new Object[]{ctx.channel().remoteAddress(), why});
            ChannelClose.now(ctx.channel());
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private FullHttpResponse text(int status, String reason) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }
}
