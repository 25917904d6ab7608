package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyWindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the session-level errors of docs/PROTOCOL.md §4 into GOAWAY PROTOCOL_ERROR and counts them.
 * A client stream id that is not odd or not greater than the last one is such an error here,
 * where stock Netty only resets the stream. It sits below Netty's session handler, which sends
 * the GOAWAY and closes when a {@link SpdyProtocolException} reaches it; frames that cannot be
 * parsed or decompressed, or that carry another SPDY version, arrive here as such exceptions
 * from the frame codec. It also holds the door against floods: every frame the client sends
 * (but WINDOW_UPDATEs that open much of a window the server sends on) counts against one budget of
 * maxFramesPerSecond; over it a new stream is refused, over twice it
 * (or with more PINGs than it) the session is a flood. Once the session has failed, what is left of
 * the read buffer is dropped unread, and a peer that does not read its GOAWAY is closed after
 * {@link #FAILED_SESSION_GRACE_MILLIS}. It counts the streams refused over MAX_CONCURRENT_STREAMS,
 * keeps track of the streams open on the connection ({@link OpenStreams}), and tells the handlers
 * above of every open stream the server resets ({@link ServerReset}): here, below Netty's session handler,
 * it sees every frame that crosses the wire, Netty's own resets included.
 */
final class ProtocolGuard extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(ProtocolGuard.class.getName());
    /** How long a failed session's peer has to read its GOAWAY before the connection is closed. */
    static final long FAILED_SESSION_GRACE_MILLIS = 1000;
    static final int FREE_WINDOW_UPDATE_BYTES = 16 * 1024;
    private static final int SESSION_STREAM_ID = 0;

    /** A user event: the server reset one of the connection's streams, Netty's session handler or ours. */
    record ServerReset(int streamId) {
    }

    private final BadInputCounter badInput;
    private final int maxFramesPerSecond;
    private final FrameRate frames = new FrameRate();
    private final FrameRate pings = new FrameRate();
    private final OpenStreams openStreams = new OpenStreams();
    private int lastClientStreamId;
    private boolean failed;

    /** @param maxFramesPerSecond the frames of any kind a session may send per second */
    ProtocolGuard(BadInputCounter badInput, int maxFramesPerSecond) {
        this.badInput = badInput;
        this.maxFramesPerSecond = maxFramesPerSecond;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        long now = System.nanoTime();
        int framesThisSecond = opensWindowTheServerSendsOn(msg) ? frames.count(now, 0) : frames.count(now, 1);
        if (framesThisSecond > 2 * maxFramesPerSecond) {
            ReferenceCountUtil.release(msg);
            flood(ctx, BadInputCounter.Kind.FRAME_FLOOD, "more than twice maxFramesPerSecond frames in a second");
            return;
        }
        if (msg instanceof SpdySynStreamFrame synStream) {
            int streamId = synStream.streamId();
            if (streamId % 2 == 0 || streamId <= lastClientStreamId) {
                ReferenceCountUtil.release(msg);
                SpdyProtocolException error = new SpdyProtocolException("client stream id " + streamId
                        + " is not odd or not greater than the last one, " + lastClientStreamId);
                countAndLog(ctx, error);
                fail(ctx, error);
                return;
            }
            lastClientStreamId = streamId;
            if (framesThisSecond > maxFramesPerSecond) {
                ReferenceCountUtil.release(msg);
                badInput.count(BadInputCounter.Kind.STREAM_REFUSED);
                ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, SpdyStreamStatus.REFUSED_STREAM));
                return;
            }
        } else if (msg instanceof SpdyPingFrame ping && ping.id() % 2 != 0 && pings.count(now, 1) > maxFramesPerSecond) {
            flood(ctx, BadInputCounter.Kind.PING_FLOOD, "more PINGs per second than maxFramesPerSecond");
            return;
        }
        openStreams.received(msg);
        ctx.fireChannelRead(msg);
    }

    /**
     * Counts the client streams that Netty's session handler refuses over MAX_CONCURRENT_STREAMS, tells
     * the handlers above of every reset, and notes a GOAWAY for an error, after which nothing is read.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SpdyRstStreamFrame reset) {
            if (reset.status().equals(SpdyStreamStatus.REFUSED_STREAM) && reset.streamId() % 2 != 0) {
                badInput.count(BadInputCounter.Kind.STREAM_REFUSED);
            }
            if (openStreams.isOpen(reset.streamId())) {
                // Later: the reset may be written from inside the session handler's own read or write.
                ServerReset event = new ServerReset(reset.streamId());
                ctx.executor().execute(() -> ctx.fireUserEventTriggered(event));
            }
        } else if (msg instanceof SpdyGoAwayFrame goAway && !goAway.status().equals(SpdySessionStatus.OK)) {
            failed = true;
            closeSoon(ctx);
        }
        openStreams.sent(msg);
        ctx.write(msg, promise);
    }

    /**
     * A WINDOW_UPDATE that opens at least {@link #FREE_WINDOW_UPDATE_BYTES} of the session's window or of
     * an open stream's is not counted: each lets the server send that much, so a client receiving a large
     * message sends many of them, and what they can add up to is bounded by the window's own limit of
     * 2^31-1, past which Netty ends the session.
     */
    private boolean opensWindowTheServerSendsOn(Object msg) {
        return msg instanceof SpdyWindowUpdateFrame update && update.deltaWindowSize() >= FREE_WINDOW_UPDATE_BYTES
                && (update.streamId() == SESSION_STREAM_ID || openStreams.isOpen(update.streamId()));
    }

    /** The streams open on this connection; read by any thread. */
    OpenStreams openStreams() {
        return openStreams;
    }

    /** Counts frames in one-second windows. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            countAndLog(ctx, cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    private void flood(ChannelHandlerContext ctx, BadInputCounter.Kind kind, String what) {
        badInput.count(kind);
        LOG.log(Level.FINE, "GOAWAY PROTOCOL_ERROR to {0}: {1}", new Object[]{ctx.channel().remoteAddress(), what});
        fail(ctx, new SpdyProtocolException(what + " (maxFramesPerSecond " + maxFramesPerSecond + ")"));
    }

    /** Hands the error to Netty's session handler, which answers GOAWAY PROTOCOL_ERROR and closes. */
    private void fail(ChannelHandlerContext ctx, SpdyProtocolException error) {
        failed = true;
        ctx.fireExceptionCaught(error);
    }

    /** Netty closes after the GOAWAY is written, which never happens while the peer reads nothing. */
    private static void closeSoon(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> ChannelClose.now(ctx.channel()), FAILED_SESSION_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void countAndLog(ChannelHandlerContext ctx, Throwable error) {
        badInput.count(BadInputCounter.Kind.PROTOCOL_ERROR);
        LOG.log(Level.FINE, "GOAWAY PROTOCOL_ERROR to {0}: {1}",
                new Object[]{ctx.channel().remoteAddress(), error.getMessage()});
    }
}
