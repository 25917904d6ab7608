package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.PushHeaders;

import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the frames of one HTTP/2 connection (docs/PROTOCOL.md §10), which Netty's connection handler has read
 * under HTTP/2's stream rules, flow control, header limits and PING answers: the push stream, acknowledgements and
 * business requests, as {@link SessionHandler} does for SPDY. Streams of a connection without a push stream bind
 * to a session by {@code push-session}, as HTTP/1.1 requests do (a browser may open a second connection). It reads
 * the frames as the connection handler's {@link #frameListener()}, on the event loop, and sits last in the pipeline
 * for the connection's end.
 */
final class Http2SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(Http2SessionHandler.class.getName());

    private final ServerContext context;
    private final Http2FrameListener frames = new Http2FrameAdapter() {
        @Override
        public void onHeadersRead(ChannelHandlerContext codecCtx, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            onHeaders(streamId, headers, endOfStream);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext codecCtx, int streamId, Http2Headers headers,
                                  int streamDependency, short weight, boolean exclusive, int padding,
                                  boolean endOfStream) {
            onHeaders(streamId, headers, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext codecCtx, int streamId, ByteBuf data, int padding,
                              boolean endOfStream) {
            if (businessStreams != null) {
                businessStreams.data(streamId, data, endOfStream);
            }
            // Consumed at once: what a request's body may hold is bounded by BusinessStreams, not by the window.
            return data.readableBytes() + padding;
        }

        // PINGs go on up the pipeline as Netty's frames, to SessionLiveness, which reads both transports' so.
        @Override
        public void onPingRead(ChannelHandlerContext codecCtx, long data) {
            codecCtx.fireChannelRead(new DefaultHttp2PingFrame(data, false));
        }

        @Override
        public void onPingAckRead(ChannelHandlerContext codecCtx, long data) {
            codecCtx.fireChannelRead(new DefaultHttp2PingFrame(data, true));
        }
    };
    private ChannelHandlerContext ctx;
    private UnansweredStreams streams;
    private Http2Replies replies;
    private PushSession session;
    private int pushStreamId;
    /** The push stream being opened (its token checked, its client claimed in a cluster), or 0. */
    private int claimingStreamId;
    /** The business requests of {@link #session}, or of the session the connection's streams named last. */
    private BusinessStreams businessStreams;

    Http2SessionHandler(ServerContext context) {
        this.context = context;
    }

    /** What the connection handler gives the frames it has read. */
    Http2FrameListener frameListener() {
        return frames;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ChannelHandlerContext codecCtx = ctx.pipeline().context(LeanHttp2ConnectionHandler.class);
        LeanHttp2ConnectionHandler codec = (LeanHttp2ConnectionHandler) codecCtx.handler();
        streams = new UnansweredStreams(codec.connection());
        codec.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                streamClosed(stream.id());
            }
        });
        replies = new Http2Replies(codecCtx, codec, streams, context.pools().stream(),
                context.config().maxPayloadBytes(), context.isTls() ? "https" : "http", context.config().writeTimeout());
    }

    /** The PINGs SessionLiveness passes on: Netty has answered them. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
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

    private void onHeaders(int streamId, Http2Headers headers, boolean endOfStream) {
        if (streams.contains(streamId) || streamId == claimingStreamId || session != null && pushStreamId == streamId) {
            // Trailers: only their end of stream counts.
            if (endOfStream && businessStreams != null) {
                businessStreams.data(streamId, Unpooled.EMPTY_BUFFER, true);
            }
            return;
        }
        streams.add(streamId);
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
            openPushStream(streamId, method, header);
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
                bound.writeWithAnswers(ctx.channel());
            } catch (Acknowledging.BadAck e) {
                replies.plainText(streamId, 400, e.getMessage());
            }
        } else {
            businessStreams.open(streamId, method, path, string(headers.authority()),
                    RequestHeaders.of(headers.iterator()), endOfStream);
        }
    }

    private void openPushStream(int streamId, String method, UnaryOperator<String> headers) {
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
                transport = new Http2SessionTransport(ctx.channel(), streamId, ctx.pipeline().get(SessionLiveness.class),
                        ctx.pipeline().get(LeanHttp2ConnectionHandler.class).connection(), context.config());
                return transport;
            }

            @Override
            public void accept(PushSession opened, long heartbeatSeconds) {
                claimingStreamId = 0;
                streams.remove(streamId);
                session = opened;
                pushStreamId = streamId;
                if (businessStreams != null) {
                    businessStreams.closeAll();
                }
                businessStreams = new BusinessStreams(context, ctx.executor(), opened, replies);
                replies.acceptPushStream(streamId, opened.sessionId(), heartbeatSeconds);
                ctx.pipeline().get(SessionLiveness.class).pushStreamOpened();
                transport.start();
            }
        });
    }

    /**
     * A stream has closed: answered, reset by the client, or reset by Netty for a stream error (the connection
     * lives on). A request not answered yet is dropped; the push stream's end ends the session, as on SPDY.
     */
    private void streamClosed(int streamId) {
        if (streamId == claimingStreamId) {
            claimingStreamId = 0;
        }
        if (businessStreams != null) {
            businessStreams.reset(streamId);
        }
        if (session != null && pushStreamId == streamId && ctx.channel().isActive()) {
            LOG.log(Level.FINE, "The push stream of client {0} was reset; closing session {1}",
                    new Object[]{session.client().clientId(), session.sessionId()});
            session.closeGracefully(context.config().shutdownGrace());
        }
    }

    private static String string(CharSequence value) {
        return value == null ? null : value.toString();
    }
}
