package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.PushHeaders;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the frames of one SPDY connection, above Netty's session handler (which has already
 * applied stream rules, flow control and PING answers): the push stream (§2), and normal
 * streams for acknowledgements (§3.1) and requests (§3.2).
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());
    /** How long a session taken over by a new one of its client may finish its streams. */
    private static final Duration TAKEOVER_GRACE = Duration.ofSeconds(1);

    private final ServerContext context;
    private PushSession session;
    private int pushStreamId;
    private BusinessReply replies;
    private BusinessStreams businessStreams;
    /** The push stream being opened (its token checked, its client claimed in a cluster), or 0. */
    private int claimingStreamId;

    SessionHandler(ServerContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame synStream) {
                onSynStream(ctx, synStream);
            } else if (msg instanceof SpdyDataFrame data && businessStreams != null) {
                businessStreams.data(data.streamId(), data.content(), data.isLast());
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                onReset(reset);
            } else if (msg instanceof SpdyHeadersFrame headers) {
                refuseHeaders(ctx, headers.streamId());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The server reset a stream, Netty's session handler (a flow-control or stream error) or this one. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ProtocolGuard.ServerReset reset) {
            if (businessStreams != null) {
                businessStreams.reset(reset.streamId());
            }
            if (session != null && reset.streamId() == pushStreamId && ctx.channel().isOpen()) {
                LOG.log(Level.FINE, "The push stream of client {0} was reset; closing session {1}",
                        new Object[]{session.client().clientId(), session.sessionId()});
                session.closeGracefully(context.config().shutdownGrace());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            businessStreams.closeAll();
            context.sessionEnded(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            return; // Netty's session handler has sent GOAWAY PROTOCOL_ERROR and is closing.
        }
        LOG.log(Level.FINE, "Closing connection from " + ctx.channel().remoteAddress() + ": " + cause, cause);
        ChannelClose.now(ctx.channel());
    }

    private void onSynStream(ChannelHandlerContext ctx, SpdySynStreamFrame synStream) {
        SpdyHeaders headers = synStream.headers();
        String method = headers.getAsString(":method");
        String path = headers.getAsString(":path");
        int streamId = synStream.streamId();
        if (synStream.isTruncated()) {
            context.badInput().count(BadInputCounter.Kind.HEADER_BLOCK_TOO_LARGE);
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, SpdyStreamStatus.FRAME_TOO_LARGE));
        } else if (PushHeaders.PUSH_PATH.equals(path)) {
            openPushStream(ctx, streamId, method, headers);
        } else if (session == null) {
            context.badInput().count(BadInputCounter.Kind.STREAM_BEFORE_PUSH_STREAM);
            Replies.plainText(ctx, streamId, 401, "open the push stream first");
        } else if (PushHeaders.ACK_PATH.equals(path) && PushHeaders.ACK_METHOD.equals(method)) {
            try {
                replies.ack(streamId, Acknowledging.acknowledge(context, session, headers.getAsString(PushHeaders.PUSH_ACK)));
                session.writeWithAnswers(ctx.channel());
            } catch (Acknowledging.BadAck e) {
                replies.plainText(streamId, 400, e.getMessage());
            }
        } else {
            businessStreams.open(streamId, method, path, headers.getAsString(":host"),
                    RequestHeaders.of(headers.iterator()), synStream.isLast());
        }
    }

    private void openPushStream(ChannelHandlerContext ctx, int streamId, String method, SpdyHeaders headers) {
        if (session != null || claimingStreamId != 0) {
            Replies.refusePushStream(ctx, streamId, 409, null);
            return;
        }
        claimingStreamId = streamId;
        context.pushStreamOpening().open(ctx.channel(), method, headers::getAsString, new PushStreamExchange() {
            @Override
            public void refuse(int status, Integer retryAfterSeconds) {
                claimingStreamId = 0;
                Replies.refusePushStream(ctx, streamId, status, retryAfterSeconds);
            }

            @Override
            public boolean isWaiting() {
                return claimingStreamId == streamId && ctx.channel().isActive();
            }

            @Override
            public SessionTransport transport() {
                return new SpdySessionTransport(ctx.channel(), streamId, ctx.pipeline().get(SessionLiveness.class),
                        ctx.pipeline().get(ProtocolGuard.class).openStreams());
            }

            @Override
            public void accept(PushSession opened, long heartbeatSeconds) {
                claimingStreamId = 0;
                session = opened;
                pushStreamId = streamId;
                replies = new BusinessReply(ctx, context.pools().stream(), context.config().maxPayloadBytes(),
                        context.isTls() ? "https" : "http", context.config().writeTimeout());
                businessStreams = new BusinessStreams(context, ctx.executor(), opened, replies);
                SpdySynReplyFrame reply = Replies.synReply(streamId, 200, false);
                reply.headers()
                        .set(PushHeaders.PUSH_SESSION, opened.sessionId())
                        .set(PushHeaders.PUSH_HEARTBEAT, Long.toString(heartbeatSeconds));
                ctx.writeAndFlush(reply);
                ctx.pipeline().get(SessionLiveness.class).pushStreamOpened();
            }
        });
    }

    /** How long a session replaced by a newer one of its client, here or on another node, may finish its streams. */
    static Duration takeoverGrace(ServerConfig config) {
        return TAKEOVER_GRACE.compareTo(config.shutdownGrace()) <= 0 ? TAKEOVER_GRACE : config.shutdownGrace();
    }

    /**
     * No stream of the protocol takes a HEADERS frame (§4), and each one costs an inflation: the
     * stream is reset, which ends the session when it is the push stream.
     */
    private void refuseHeaders(ChannelHandlerContext ctx, int streamId) {
        context.badInput().count(BadInputCounter.Kind.HEADERS_REFUSED);
        ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, SpdyStreamStatus.PROTOCOL_ERROR));
    }

    private void onReset(SpdyRstStreamFrame reset) {
        if (reset.streamId() == claimingStreamId) {
            claimingStreamId = 0;
        }
        if (businessStreams != null) {
            businessStreams.reset(reset.streamId());
        }
        if (session != null && reset.streamId() == pushStreamId) {
            LOG.log(Level.FINE, "Client {0} reset its push stream; closing session {1}",
                    new Object[]{session.client().clientId(), session.sessionId()});
            session.closeGracefully(context.config().shutdownGrace());
        }
    }
}
