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
import io.spdypush.protocol.SeqValues;
import io.spdypush.api.Acknowledgement;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.token.TokenSigner;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the frames of one SPDY connection, above Netty's session handler (which has already
 * applied stream rules, flow control and PING answers): the push stream (§2), and normal
 * streams for acknowledgements (§3.1) and requests (§3.2).
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());
    /** What a client refused because the server is full is told to wait before reconnecting. */
    private static final int SERVER_FULL_RETRY_AFTER_SECONDS = 30;
    /** How long a session taken over by a new one of its client may finish its streams. */
    private static final Duration TAKEOVER_GRACE = Duration.ofSeconds(1);
    /** What a client whose claim failed (the cluster or the database away) is told to wait before trying again. */
    private static final int CLAIM_RETRY_AFTER_SECONDS = 1;

    private final ServerContext context;
    private PushSession session;
    private BusinessStreams businessStreams;
    /** The push stream waiting while the cluster makes this node its client's home, or 0. */
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
                businessStreams.data(data);
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
            if (session != null && reset.streamId() == session.pushStreamId() && ctx.channel().isOpen()) {
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
            session.client().detach(session);
            context.sessionEnded(session);
            LOG.log(Level.FINE, "Session {0} of client {1} closed",
                    new Object[]{session.sessionId(), session.client().clientId()});
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
            acknowledge(ctx, streamId, headers.getAsString(PushHeaders.PUSH_ACK));
        } else {
            businessStreams.open(synStream);
        }
    }

    private void openPushStream(ChannelHandlerContext ctx, int streamId, String method, SpdyHeaders headers) {
        if (session != null || claimingStreamId != 0) {
            Replies.refusePushStream(ctx, streamId, 409, null);
            return;
        }
        if (context.isStopping()) {
            Replies.refusePushStream(ctx, streamId, 503, context.retryAfterSeconds());
            return;
        }
        PushStreamRequest request;
        try {
            if (!"GET".equals(method)) {
                throw new PushStreamRequest.Malformed("the push stream's :method must be GET");
            }
            request = PushStreamRequest.parse(headers);
        } catch (PushStreamRequest.Malformed e) {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_PUSH_STREAM);
            LOG.log(Level.FINE, "Refused push stream from {0}: {1}",
                    new Object[]{ctx.channel().remoteAddress(), e.getMessage()});
            Replies.refusePushStream(ctx, streamId, 400, null);
            return;
        }
        TokenSigner.Verdict verdict = context.checkToken(PushHeaders.bearerToken(headers.getAsString(PushHeaders.AUTHORIZATION)),
                request.clientId());
        if (verdict != TokenSigner.Verdict.VALID) {
            context.badInput().count(BadInputCounter.Kind.BAD_TOKEN);
            LOG.log(Level.FINE, "Refused push stream of client {0} from {1}: token {2}",
                    new Object[]{request.clientId(), ctx.channel().remoteAddress(), verdict});
            Replies.refusePushStream(ctx, streamId, 401, null);
            return;
        }
        ClientState client = context.client(request.clientId());
        if (client == null) {
            // Refused before the claim: a full node must not take a client from its home only to turn it away.
            if (!context.hasRoomForSession()) {
                refuseServerFull(ctx, streamId);
                return;
            }
            claimThenOpen(ctx, streamId, request);
            return;
        }
        open(ctx, streamId, request, client);
    }

    /**
     * In a cluster, a client this node holds nothing for is first claimed from its home elsewhere (its outbox
     * follows it here, its session there ends), off the event loop; the push stream opens once that is done.
     */
    private void claimThenOpen(ChannelHandlerContext ctx, int streamId, PushStreamRequest request) {
        claimingStreamId = streamId;
        context.claimStarted();
        context.claims().claim(request.clientId()).whenComplete((claimed, error) -> ctx.channel().eventLoop().execute(() -> {
            context.claimEnded();
            if (claimingStreamId != streamId || !ctx.channel().isActive()) {
                return; // the stream was reset or the connection closed meanwhile
            }
            claimingStreamId = 0;
            ClientState client = error == null && !context.isStopping() ? context.client(request.clientId()) : null;
            if (client == null) {
                if (error != null) {
                    context.claimFailures().occurred(request.clientId() + ": " + error);
                }
                Replies.refusePushStream(ctx, streamId, 503, CLAIM_RETRY_AFTER_SECONDS);
                return;
            }
            open(ctx, streamId, request, client);
        }));
    }

    private void open(ChannelHandlerContext ctx, int streamId, PushStreamRequest request, ClientState client) {
        if (client.session() == null && !context.hasRoomForSession()) {
            // A takeover replaces a session: only a session that adds one is refused when the server is full.
            client.release();
            refuseServerFull(ctx, streamId);
            return;
        }
        if (client.session() != null) {
            long waitSeconds = client.takeoverWaitSeconds(System.nanoTime());
            if (waitSeconds > 0) {
                client.release();
                context.badInput().count(BadInputCounter.Kind.TAKEOVER_THROTTLED);
                LOG.log(Level.FINE, "Refused a push stream of client {0} from {1}: its session was taken over {2}"
                        + " times within a minute", new Object[]{request.clientId(), ctx.channel().remoteAddress(),
                        ClientState.MAX_TAKEOVERS});
                Replies.refusePushStream(ctx, streamId, 503, (int) waitSeconds);
                return;
            }
        }
        SessionLiveness liveness = ctx.pipeline().get(SessionLiveness.class);
        session = new PushSession(ctx.channel(), UUID.randomUUID().toString(), client, streamId, request.topics(),
                context.pools().session(), context.events(), context.statistics(), liveness,
                ctx.pipeline().get(ProtocolGuard.class).openStreams());
        businessStreams = new BusinessStreams(context, ctx, session);
        // Online before the reply goes out, so that a sender who hears of the session finds it; what is
        // sent meanwhile waits in the outbox until start() below, which runs after the reply on this loop.
        context.sessionStarted(session);
        PushSession replaced = client.attach(session);
        SpdySynReplyFrame reply = Replies.synReply(streamId, 200, false);
        reply.headers()
                .set(PushHeaders.PUSH_SESSION, session.sessionId())
                .set(PushHeaders.PUSH_HEARTBEAT, Long.toString(context.config().heartbeatClient().toSeconds()));
        ctx.writeAndFlush(reply);
        liveness.pushStreamOpened();
        if (replaced != null) {
            LOG.log(Level.FINE, "Session {0} of client {1} replaced by {2}",
                    new Object[]{replaced.sessionId(), client.clientId(), session.sessionId()});
            replaced.closeGracefully(takeoverGrace(context.config()));
        }
        LOG.log(Level.FINE, "Session {0} of client {1} opened from {2}",
                new Object[]{session.sessionId(), client.clientId(), ctx.channel().remoteAddress()});
        session.start(request.lastSeq());
    }

    private void refuseServerFull(ChannelHandlerContext ctx, int streamId) {
        context.badInput().count(BadInputCounter.Kind.SERVER_FULL);
        context.serverFull().occurred(ctx.channel().remoteAddress());
        Replies.refusePushStream(ctx, streamId, 503, SERVER_FULL_RETRY_AFTER_SECONDS);
    }

    /** How long a session replaced by a newer one of its client, here or on another node, may finish its streams. */
    static Duration takeoverGrace(ServerConfig config) {
        return TAKEOVER_GRACE.compareTo(config.shutdownGrace()) <= 0 ? TAKEOVER_GRACE : config.shutdownGrace();
    }

    /** The token of an {@code authorization: Bearer <token>} header, or null. */
    private void acknowledge(ChannelHandlerContext ctx, int streamId, String pushAck) {
        long seq;
        try {
            seq = SeqValues.parse(PushHeaders.PUSH_ACK, pushAck);
        } catch (IllegalArgumentException e) {
            context.badInput().count(BadInputCounter.Kind.BAD_ACK);
            Replies.plainText(ctx, streamId, 400, e.getMessage());
            return;
        }
        try {
            Outbox.Acknowledged acknowledged = session.client().outbox().acknowledge(seq);
            // Heard before the reply leaves: a client that has its answer may rely on the event being queued.
            if (!acknowledged.messageIds().isEmpty()) {
                context.events().onAcknowledged(new Acknowledgement(session.client().clientId(), acknowledged.seq(),
                        acknowledged.messageIds()));
            }
            Replies.ack(ctx, streamId, acknowledged.seq());
        } catch (IllegalArgumentException e) {
            context.badInput().count(BadInputCounter.Kind.BAD_ACK);
            Replies.plainText(ctx, streamId, 400, e.getMessage());
        }
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
        if (session != null && reset.streamId() == session.pushStreamId()) {
            LOG.log(Level.FINE, "Client {0} reset its push stream; closing session {1}",
                    new Object[]{session.client().clientId(), session.sessionId()});
            session.closeGracefully(context.config().shutdownGrace());
        }
    }
}
