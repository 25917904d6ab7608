package io.spdypush.rar.spdy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.PushHeaders;

import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the frames of one HTTP/2 connection (docs/PROTOCOL.md §10) above Netty's frame codec, which has applied
 * HTTP/2's stream rules, flow control, header limits and PING answers: the push stream, acknowledgements and
 * business requests, as {@link SessionHandler} does for SPDY. Streams of a connection without a push stream bind
 * to a session by {@code push-session}, as HTTP/1.1 requests do (a browser may open a second connection).
 */
final class Http2SessionHandler extends Http2ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(Http2SessionHandler.class.getName());

    private final ServerContext context;
    private UnansweredStreams streams;
    private Http2Replies replies;
    private PushSession session;
    private Http2FrameStream pushStream;
    /** The push stream being opened (its token checked, its client claimed in a cluster), or 0. */
    private int claimingStreamId;
    /** The business requests of {@link #session}, or of the session the connection's streams named last. */
    private BusinessStreams businessStreams;

    Http2SessionHandler(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
        streams = new UnansweredStreams(codec.connection());
        replies = new Http2Replies(ctx, streams, this::newStream, codec.connection(), context.pools().stream(),
                context.config().maxPayloadBytes(), context.isTls() ? "https" : "http", context.config().writeTimeout());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                onHeaders(ctx, headers);
            } else if (msg instanceof Http2DataFrame data) {
                onData(ctx, data);
            } else if (msg instanceof Http2ResetFrame reset) {
                onReset(reset.stream().id());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (businessStreams != null) {
            businessStreams.closeAll();
        }
        if (session != null) {
            context.sessionEnded(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2Exception) {
            return; // Netty's codec has answered with RST_STREAM or GOAWAY
        }
        LOG.log(Level.FINE, "Closing connection from " + ctx.channel().remoteAddress() + ": " + cause, cause);
        ChannelClose.now(ctx.channel());
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        int streamId = frame.stream().id();
        if (streams.contains(streamId) || streamId == claimingStreamId || pushStream != null && pushStream.id() == streamId) {
            // Trailers: only their end of stream counts.
            if (frame.isEndStream() && businessStreams != null) {
                businessStreams.data(streamId, Unpooled.EMPTY_BUFFER, true);
            }
            return;
        }
        streams.add(frame.stream());
        Http2Headers headers = frame.headers();
        String method = string(headers.method());
        String path = string(headers.path());
        UnaryOperator<String> header = name -> string(headers.get(name));
        String origin = header.apply("origin");
        String corsOrigin = context.cors().allowedOrigin(origin);
        if (corsOrigin != null) {
            streams.allowOrigin(streamId, corsOrigin);
        }
        if (CorsPolicy.isPreflight(method, origin, header.apply("access-control-request-method"))) {
            replies.preflight(streamId, origin);
            return;
        }
        if (PushHeaders.PUSH_PATH.equals(path)) {
            openPushStream(ctx, frame.stream(), method, header);
            return;
        }
        PushSession bound = session;
        if (bound == null) {
            try {
                bound = SessionBinding.find(context, header);
            } catch (SessionBinding.Unbound e) {
                replies.plainText(streamId, e.status(), e.getMessage());
                return;
            }
            if (businessStreams == null || businessStreams.session() != bound) {
                if (businessStreams != null) {
                    businessStreams.closeAll();
                }
                businessStreams = new BusinessStreams(context, ctx.executor(), bound, replies);
            }
            ctx.pipeline().get(SessionLiveness.class).pushStreamOpened(); // bound: kept alive by heartbeats now
        }
        if (PushHeaders.ACK_PATH.equals(path) && PushHeaders.ACK_METHOD.equals(method)) {
            try {
                replies.ack(streamId, Acknowledging.acknowledge(context, bound, header.apply(PushHeaders.PUSH_ACK)));
            } catch (Acknowledging.BadAck e) {
                replies.plainText(streamId, 400, e.getMessage());
            }
        } else {
            businessStreams.open(streamId, method, path, string(headers.authority()),
                    RequestHeaders.of(headers.iterator()), frame.isEndStream());
        }
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame data) {
        if (data.initialFlowControlledBytes() > 0) {
            // Consumed at once: what a request's body may hold is bounded by BusinessStreams, not by the window.
            ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()));
        }
        if (businessStreams != null) {
            businessStreams.data(data.stream().id(), data.content(), data.isEndStream());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // the window updates of the read
        ctx.fireChannelReadComplete();
    }

    private void openPushStream(ChannelHandlerContext ctx, Http2FrameStream stream, String method,
                                UnaryOperator<String> headers) {
        int streamId = stream.id();
        if (session != null || claimingStreamId != 0) {
            replies.refusePushStream(streamId, 409, null);
            return;
        }
        claimingStreamId = streamId;
        context.pushStreamOpening().open(ctx.channel(), method, headers, new PushStreamExchange() {
            private Http2SessionTransport transport;

            @Override
            public void refuse(int status, Integer retryAfterSeconds) {
                claimingStreamId = 0;
                replies.refusePushStream(streamId, status, retryAfterSeconds);
            }

            @Override
            public boolean isWaiting() {
                return claimingStreamId == streamId && ctx.channel().isActive();
            }

            @Override
            public SessionTransport transport() {
                transport = new Http2SessionTransport(ctx.channel(), stream, ctx.pipeline().get(SessionLiveness.class),
                        ctx.pipeline().get(Http2FrameCodec.class).connection(), context.config());
                return transport;
            }

            @Override
            public void accept(PushSession opened, long heartbeatSeconds) {
                claimingStreamId = 0;
                streams.remove(streamId);
                session = opened;
                pushStream = stream;
                if (businessStreams != null) {
                    businessStreams.closeAll();
                }
                businessStreams = new BusinessStreams(context, ctx.executor(), opened, replies);
                replies.acceptPushStream(stream, opened.sessionId(), heartbeatSeconds);
                ctx.pipeline().get(SessionLiveness.class).pushStreamOpened();
                transport.start();
            }
        });
    }

    private void onReset(int streamId) {
        if (streamId == claimingStreamId) {
            claimingStreamId = 0;
        }
        if (businessStreams != null) {
            businessStreams.reset(streamId);
        }
        if (session != null && pushStream.id() == streamId) {
            LOG.log(Level.FINE, "Client {0} reset its push stream; closing session {1}",
                    new Object[]{session.client().clientId(), session.sessionId()});
            session.closeGracefully(context.config().shutdownGrace());
        }
    }

    private static String string(CharSequence value) {
        return value == null ? null : value.toString();
    }
}
