package io.spdypush.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client session, behind Netty's {@code SpdySessionHandler}: opens the push stream, routes the server's
 * frames to it, to the ack streams and to the request streams, and ends the session exactly once, telling
 * {@link PushClient} why through {@link #ended()}. Everything here runs on the connection's event loop;
 * {@link PushClient} and {@link PushSession} hop onto it.
 */
final class ClientSessionHandler extends ChannelInboundHandlerAdapter {

    /**
     * How long a close waits for open ack streams. Netty's {@code SpdySessionHandler} sends GOAWAY on close and
     * then waits, without a timeout, for every stream to end; after this the connection is cut.
     */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(ClientSessionHandler.class.getName());

    private final ClientSettings settings;
    private final ResumePoint resume;
    private final CompletableFuture<PushSession> accepted;
    private final CompletableFuture<SessionClosedException> ended = new CompletableFuture<>();
    private final AckStreams acks = new AckStreams();
    private final AutoAck autoAck;
    private final Heartbeat heartbeat;
    private ChannelHandlerContext ctx;
    private PushStream pushStream;
    private RequestStreams requests;
    private int nextStreamId = 1;
    private boolean closing;
    /** The first cause of the session's end; what the listener and pending futures are told. */
    private SessionClosedException closeReason;
    private ScheduledFuture<?> forcedClose;

    ClientSessionHandler(ClientSettings settings, ResumePoint resume, CompletableFuture<PushSession> accepted) {
        this.settings = settings;
        this.resume = resume;
        this.accepted = accepted;
        this.autoAck = settings.autoAck() ? new AutoAck(this::autoAck, this::later) : null;
        this.heartbeat = new Heartbeat(settings.heartbeat(), settings.heartbeatTimeout(), this::onHeartbeatTimeout);
    }

    /**
     * Completes, on the event loop, once the connection has ended or could not be made, with the first cause:
     * by then every future of the session has failed with it and the last processed seq is saved.
     */
    CompletableFuture<SessionClosedException> ended() {
        return ended;
    }

    /** The connection could not be made: the session ends before it began. */
    void connectFailed(SessionClosedException reason) {
        accepted.completeExceptionally(reason);
        ended.complete(reason);
    }

    /** The session's heartbeat, which goes before Netty's session handler in the pipeline. */
    Heartbeat heartbeat() {
        return heartbeat;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.pushStream = new PushStream(settings, resume, accepted, ctx.alloc(), autoAck, this::submit);
        this.requests = new RequestStreams(ctx, settings);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Over TLS the push stream waits for ALPN to confirm spdy/3.1, see userEventTriggered.
        if (ctx.pipeline().get(SslHandler.class) == null) {
            openPushStream();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                onTlsEstablished(ctx.pipeline().get(SslHandler.class).applicationProtocol());
            } else {
                // SslHandler closes the connection itself.
                recordReason(new SessionClosedException("TLS handshake with " + settings.authority() + " failed: "
                        + handshake.cause().getMessage(), handshake.cause()));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynReplyFrame reply) {
                onReply(reply);
            } else if (msg instanceof SpdyDataFrame data) {
                onData(data);
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                onReset(reset);
            } else if (msg instanceof SpdyGoAwayFrame goAway) {
                closeGracefully(new SessionClosedException("the server sent GOAWAY " + goAway.status()));
            } else if (msg instanceof SpdySynStreamFrame serverPush) {
                requests.onPush(serverPush);
            } else if (msg instanceof SpdyHeadersFrame headers) {
                // Checked after SYN_STREAM and SYN_REPLY, which are HEADERS frames too.
                requests.onHeaders(headers);
            }
            // SETTINGS, WINDOW_UPDATE and PING need nothing from us: SpdySessionHandler has handled them, and the
            // heartbeat has seen the answers to our PINGs.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // One save and one ack per read batch, not per message; saved first, so that an ack never runs ahead of
        // what a restart would resume from.
        resume.save();
        if (autoAck != null && !closing) {
            autoAck.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            // SpdySessionHandler has already answered it with GOAWAY PROTOCOL_ERROR and is closing the connection.
            endSession(new SessionClosedException("SPDY protocol error: " + cause.getMessage(), cause));
        } else {
            closeGracefully(new SessionClosedException("connection to " + settings.authority() + " failed: "
                    + cause, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (forcedClose != null) {
            forcedClose.cancel(false);
        }
        recordReason(new SessionClosedException("the connection to " + settings.authority() + " was closed"));
        SessionClosedException reason = closeReason;
        pushStream.close(reason);
        resume.save();
        acks.failAll(reason);
        requests.failAll(reason);
        LOG.log(Level.INFO, "push session of {0} with {1} ended: {2}",
                new Object[] {settings.clientId(), settings.authority(), reason.getMessage()});
        ended.complete(reason);
        ctx.fireChannelInactive();
    }

    /** Acknowledges up to seq on a new stream (§3.1); result completes with the server's push-ack. */
    void ack(long seq, CompletableFuture<Long> result) {
        if (closeReason != null) {
            // Also after a connection lost without closing: while a reconnect is due, this session is the last.
            result.completeExceptionally(closeReason);
        } else if (pushStream == null || !pushStream.isOpen()) {
            result.completeExceptionally(new SessionClosedException(
                    "cannot ack before the server has accepted the push stream"));
        } else {
            acks.open(ctx, nextStreamId(), seq, settings, result);
        }
    }

    /**
     * Sends a business request on a new stream (§3.2): the entry of {@link PushSession#request}, from any thread.
     */
    private CompletableFuture<Response> submit(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        try {
            ctx.executor().execute(() -> request(request, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SessionClosedException("the client is closed", e));
        }
        return result;
    }

    private void request(Request request, CompletableFuture<Response> result) {
        if (closing || !pushStream.isOpen()) {
            // A PushSession exists only once the push stream was accepted, so here it has ended.
            result.completeExceptionally(closeReason != null ? closeReason
                    : new SessionClosedException("the push session has ended"));
        } else {
            requests.open(nextStreamId(), request, result);
        }
    }

    /** The application's close: GOAWAY, then the connection ends. */
    void closeByClient() {
        closeGracefully(new SessionClosedException("the client closed the session"));
    }

    /** Runs {@code task} on the connection's event loop after the delay, unless the client has closed. */
    private void later(Runnable task, long delayNanos) {
        try {
            ctx.executor().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "a task for the session of {0} was dropped: the client is closed", settings.clientId());
        }
    }

    private CompletableFuture<Long> autoAck(long seq) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        ack(seq, result);
        return result;
    }

    private void onTlsEstablished(String protocol) {
        if (ClientTls.ALPN_SPDY_3_1.equals(protocol)) {
            openPushStream();
        } else {
            closeGracefully(new SessionClosedException("the server at " + settings.authority() + " did not select "
                    + ClientTls.ALPN_SPDY_3_1 + " over ALPN (it selected " + (protocol == null ? "nothing" : protocol)
                    + ")"));
        }
    }

    private void openPushStream() {
        ctx.writeAndFlush(pushStream.open(nextStreamId())).addListener(write -> {
            if (!write.isSuccess()) {
                closeGracefully(new SessionClosedException("could not open the push stream: " + write.cause(),
                        write.cause()));
            }
        });
    }

    private int nextStreamId() {
        int id = nextStreamId;
        nextStreamId += 2;
        return id;
    }

    private void onReply(SpdySynReplyFrame reply) {
        if (!pushStream.is(reply.streamId())) {
            if (!requests.onReply(reply)) {
                acks.onReply(reply);
            }
            return;
        }
        try {
            PushSession session = pushStream.onReply(reply);
            heartbeat.serverRecommends(Duration.ofSeconds(session.heartbeatSeconds()));
            LOG.log(Level.INFO, "push session {0} of {1} accepted by {2}",
                    new Object[] {session.id(), settings.clientId(), settings.authority()});
        } catch (PushRefusedException e) {
            closeGracefully(new SessionClosedException(e.getMessage(), e));
        } catch (PushProtocolException e) {
            failSession(e);
        }
    }

    private void onData(SpdyDataFrame data) {
        if (!pushStream.is(data.streamId())) {
            requests.onData(data);
            return;
        }
        try {
            pushStream.onData(data.content());
        } catch (PushProtocolException e) {
            failSession(e);
            return;
        } catch (SessionClosedException e) {
            LOG.log(Level.WARNING, e.getMessage(), e.getCause());
            closeGracefully(e);
            return;
        }
        if (data.isLast()) {
            closeGracefully(new SessionClosedException("the server ended the push stream"));
        }
    }

    private void onReset(SpdyRstStreamFrame reset) {
        if (pushStream.is(reset.streamId())) {
            // Also reached when SpdySessionHandler itself reset the stream, e.g. for a flow-control error.
            closeGracefully(new SessionClosedException("the push stream was reset: " + reset.status()));
        } else if (!requests.onReset(reset)) {
            acks.onReset(reset);
        }
    }

    /**
     * Ends the session politely: cancels the push stream, then closes through SpdySessionHandler, which sends
     * GOAWAY OK and lets open ack streams finish, for at most {@link #CLOSE_GRACE_MILLIS}.
     */
    private void closeGracefully(SessionClosedException reason) {
        if (closing) {
            return;
        }
        boolean cancelPushStream = pushStream.isActive();
        endSession(reason);
        if (cancelPushStream) {
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(pushStream.streamId(), SpdyStreamStatus.CANCEL));
        }
        ctx.close();
        if (ctx.channel().isActive()) {
            forcedClose = ctx.executor().schedule(this::closeNow, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The server did not answer a PING within T3 (§5): the connection is dead, so waiting for GOAWAY to go out
     * or for open streams to end is pointless; it is cut at once.
     */
    private void onHeartbeatTimeout() {
        SessionClosedException reason = new SessionClosedException("no answer from " + settings.authority()
                + " to a PING within " + settings.heartbeatTimeout().toMillis() + " ms: the connection is dead");
        endSession(reason);
        closeNow();
    }

    /**
     * Ends the session for a protocol error of the server's (§2: GOAWAY PROTOCOL_ERROR). SpdySessionHandler
     * offers no call for that, but it answers any SpdyProtocolException that passes through it with GOAWAY
     * PROTOCOL_ERROR and closes the connection at once; so one is fired into it from the codec's side.
     */
    private void failSession(PushProtocolException error) {
        if (closing) {
            return;
        }
        LOG.log(Level.WARNING, "protocol error from {0}, closing the session with GOAWAY PROTOCOL_ERROR: {1}",
                new Object[] {settings.authority(), error.getMessage()});
        endSession(new SessionClosedException("protocol error from the server: " + error.getMessage(), error));
        ctx.pipeline().context(ClientInitializer.SPDY_CODEC)
                .fireExceptionCaught(new SpdyProtocolException(error.getMessage(), error));
    }

    private void endSession(SessionClosedException reason) {
        closing = true;
        recordReason(reason);
        pushStream.close(closeReason);
    }

    /** Cuts the connection under SpdySessionHandler, whose own close would keep waiting for open streams. */
    private void closeNow() {
        ChannelHandlerContext session = ctx.pipeline().context(ClientInitializer.SPDY_SESSION);
        if (session != null) {
            session.close();
        }
    }

    private void recordReason(SessionClosedException reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }
}
