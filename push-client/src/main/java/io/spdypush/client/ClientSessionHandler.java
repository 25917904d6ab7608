package io.spdypush.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client session, whatever the transport, at the end of its connection's pipeline: once the transport is known
 * (at once in cleartext, after ALPN with TLS) it has {@link ClientTransports} add that transport's handlers before
 * it, opens the push stream, hears what the server sends on the session's streams through {@link StreamEvents} and
 * routes it to the push stream, the ack streams and the request streams, and ends the session exactly once, telling
 * {@link PushClient} why through {@link #ended()}. Everything here runs on the connection's event loop;
 * {@link PushClient} and {@link PushSession} hop onto it.
 */
final class ClientSessionHandler extends ChannelInboundHandlerAdapter implements StreamEvents {

    /**
     * How long a close waits for open ack streams. SPDY's and HTTP/2's session handlers send GOAWAY on close and
     * then wait for every stream to end; after this the connection is cut.
     */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(ClientSessionHandler.class.getName());

    private final ClientSettings settings;
    private final ResumePoint resume;
    private final CompletableFuture<PushSession> accepted;
    private final CompletableFuture<SessionClosedException> ended = new CompletableFuture<>();
    private final AutoAck autoAck;
    private ChannelHandlerContext ctx;
    private PushStream pushStream;
    /** What the connection speaks; null until it is known. */
    private Transport transport;
    private SessionFraming framing;
    private Heartbeat heartbeat;
    private AckStreams acks;
    private RequestStreams requests;
    private boolean closing;
    /** The first cause of the session's end; what the listener and pending futures are told. */
    private SessionClosedException closeReason;
    private ScheduledFuture<?> forcedClose;

    ClientSessionHandler(ClientSettings settings, ResumePoint resume, CompletableFuture<PushSession> accepted) {
        this.settings = settings;
        this.resume = resume;
        this.accepted = accepted;
        this.autoAck = settings.autoAck() ? new AutoAck(this::autoAck, this::later) : null;
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

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.pushStream = new PushStream(settings, resume, accepted, ctx.alloc(), autoAck, this::submit);
        if (!settings.tls()) {
            // Cleartext has nothing to negotiate: the transport is the application's.
            speak(settings.transport().inCleartext());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (transport != null) {
            openPushStream();
        }
        ctx.fireChannelActive();
    }

    /**
     * The protocol the server selected by ALPN once TLS is established, or an empty string for none: the session
     * speaks it if the client offered it, else ends.
     */
    void negotiated(String protocol) {
        Optional<Transport> chosen = settings.transport().selectedBy(protocol);
        if (chosen.isEmpty()) {
            closeGracefully(new SessionClosedException("the server at " + settings.authority() + " did not select "
                    + String.join(", ", settings.transport().alpnProtocols()) + " over ALPN (it selected "
                    + (protocol.isEmpty() ? "nothing" : protocol) + ")"));
            return;
        }
        speak(chosen.get());
        openPushStream();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            // SslHandler closes the connection itself.
            recordReason(new SessionClosedException("TLS handshake with " + settings.authority() + " failed: "
                    + handshake.cause().getMessage(), handshake.cause()));
        }
        ctx.fireUserEventTriggered(event);
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
        closeGracefully(new SessionClosedException("connection to " + settings.authority() + " failed: " + cause,
                cause));
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
        if (transport != null) {
            acks.failAll(reason);
            requests.failAll(reason);
        }
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
            acks.open(seq, result);
        }
    }

    /** The application's close: GOAWAY, then the connection ends. */
    void closeByClient() {
        closeGracefully(new SessionClosedException("the client closed the session"));
    }

    @Override
    public void onHeaders(int streamId, Reply reply, boolean last) {
        if (!pushStream.is(streamId)) {
            if (!requests.onHeaders(streamId, reply, last)) {
                acks.onReply(streamId, reply);
            }
        } else if (pushStream.isOpen()) {
            // Trailers: only an end of the push stream matters.
            if (last) {
                closeGracefully(new SessionClosedException("the server ended the push stream"));
            }
        } else if (pushStream.isActive()) {
            onPushStreamReply(reply, last);
        }
    }

    @Override
    public void onData(int streamId, ByteBuf data, boolean last) {
        if (!pushStream.is(streamId)) {
            requests.onData(streamId, data, last);
            return;
        }
        try {
            pushStream.onData(data);
        } catch (PushProtocolException e) {
            failSession(e);
            return;
        } catch (SessionClosedException e) {
            LOG.log(Level.WARNING, e.getMessage(), e.getCause());
            closeGracefully(e);
            return;
        }
        if (last) {
            closeGracefully(new SessionClosedException("the server ended the push stream"));
        }
    }

    @Override
    public void onPushPromise(int pushedStreamId, int requestStreamId, String path) {
        requests.onPushPromise(pushedStreamId, requestStreamId, path);
    }

    @Override
    public void onReset(int streamId, SpdyStreamStatus status) {
        if (pushStream.is(streamId)) {
            // Also reached when the transport's session handler itself reset the stream, e.g. for flow control.
            closeGracefully(new SessionClosedException("the push stream was reset: " + status));
        } else if (!requests.onReset(streamId, status)) {
            acks.onReset(streamId, status);
        }
    }

    @Override
    public void onLost(int streamId, IOException cause) {
        if (!requests.fail(streamId, cause)) {
            acks.fail(streamId, cause);
        }
    }

    @Override
    public void onGoAway(SessionClosedException reason) {
        closeGracefully(reason);
    }

    @Override
    public void onFailed(SessionClosedException reason) {
        endSession(reason);
    }

    /** Adds the transport's handlers before this one; from now on the session speaks it. */
    private void speak(Transport wire) {
        transport = wire;
        heartbeat = ClientTransports.heartbeat(wire, settings, this::onHeartbeatTimeout);
        framing = ClientTransports.install(ctx, wire, heartbeat, settings, this);
        acks = new AckStreams(framing);
        requests = new RequestStreams(settings, framing);
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
            requests.open(request, result);
        }
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

    private void openPushStream() {
        SessionFraming.OpenedStream opened = framing.openPushStream(pushStream.request());
        pushStream.opened(opened.id(), transport);
        opened.sent().addListener(sent -> {
            if (!sent.isSuccess()) {
                closeGracefully(new SessionClosedException("could not open the push stream: " + sent.cause(),
                        sent.cause()));
            }
        });
    }

    private void onPushStreamReply(Reply reply, boolean last) {
        try {
            PushSession session = pushStream.onReply(reply, last);
            heartbeat.serverRecommends(Duration.ofSeconds(session.heartbeatSeconds()));
            LOG.log(Level.INFO, "push session {0} of {1} accepted by {2} over {3}",
                    new Object[] {session.id(), settings.clientId(), settings.authority(), transport});
        } catch (PushRefusedException e) {
            closeGracefully(new SessionClosedException(e.getMessage(), e));
        } catch (PushProtocolException e) {
            failSession(e);
        }
    }

    /**
     * Ends the session politely: cancels the push stream, then closes through the transport, which sends GOAWAY
     * and lets open ack streams finish, for at most {@link #CLOSE_GRACE_MILLIS}.
     */
    private void closeGracefully(SessionClosedException reason) {
        if (closing) {
            return;
        }
        boolean cancelPushStream = pushStream.isActive();
        endSession(reason);
        if (transport == null) {
            // TLS never got as far as a transport: there is nothing to say to the server.
            ctx.close();
            return;
        }
        if (cancelPushStream) {
            framing.reset(pushStream.streamId(), SpdyStreamStatus.CANCEL);
        }
        framing.close();
        if (ctx.channel().isActive()) {
            forcedClose = ctx.executor().schedule(framing::closeNow, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The server did not answer a PING within T3, or its push stream stayed silent (§5, §10): the connection is
     * dead, so waiting for GOAWAY to go out or for open streams to end is pointless; it is cut at once.
     */
    private void onHeartbeatTimeout(String why) {
        endSession(new SessionClosedException(why + ": the connection is dead"));
        framing.closeNow();
    }

    /** Ends the session for a protocol error of the server's (§2: GOAWAY PROTOCOL_ERROR). */
    private void failSession(PushProtocolException error) {
        if (closing) {
            return;
        }
        LOG.log(Level.WARNING, "protocol error from {0}, closing the session with GOAWAY PROTOCOL_ERROR: {1}",
                new Object[] {settings.authority(), error.getMessage()});
        endSession(new SessionClosedException("protocol error from the server: " + error.getMessage(), error));
        framing.fail(error);
    }

    private void endSession(SessionClosedException reason) {
        closing = true;
        recordReason(reason);
        pushStream.close(closeReason);
    }

    private void recordReason(SessionClosedException reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }
}
