package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the session-level errors of PROTOCOL.md §4 into GOAWAY PROTOCOL_ERROR and counts them.
 * A client stream id that is not odd or not greater than the last one is such an error here,
 * where stock Netty only resets the stream. It sits below Netty's session handler, which sends
 * the GOAWAY and closes when a {@link SpdyProtocolException} reaches it; frames that cannot be
 * parsed or decompressed, or that carry another SPDY version, arrive here as such exceptions
 * from the frame codec. It also holds the door against floods (maxFramesPerSecond), counts
 * the streams refused over MAX_CONCURRENT_STREAMS, and keeps track of the streams open on the
 * connection ({@link OpenStreams}): here, below Netty's session handler, it sees every frame that
 * crosses the wire, Netty's own resets included.
 */
final class ProtocolGuard extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(ProtocolGuard.class.getName());

    private final BadInputCounter badInput;
    private final FrameRate pings;
    private final FrameRate newStreams;
    private final OpenStreams openStreams = new OpenStreams();
    private int lastClientStreamId;

    /** @param maxFramesPerSecond the PINGs, and separately the new streams, a session may send per second */
    ProtocolGuard(BadInputCounter badInput, int maxFramesPerSecond) {
        this.badInput = badInput;
        this.pings = new FrameRate(maxFramesPerSecond);
        this.newStreams = new FrameRate(maxFramesPerSecond);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SpdySynStreamFrame synStream) {
            int streamId = synStream.streamId();
            if (streamId % 2 == 0 || streamId <= lastClientStreamId) {
                ReferenceCountUtil.release(msg);
                SpdyProtocolException error = new SpdyProtocolException("client stream id " + streamId
                        + " is not odd or not greater than the last one, " + lastClientStreamId);
                countAndLog(ctx, error);
                ctx.fireExceptionCaught(error);
                return;
            }
            lastClientStreamId = streamId;
            if (!newStreams.allows(System.nanoTime())) {
                ReferenceCountUtil.release(msg);
                badInput.count(BadInputCounter.Kind.STREAM_REFUSED);
                ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, SpdyStreamStatus.REFUSED_STREAM));
                return;
            }
        } else if (msg instanceof SpdyPingFrame ping && ping.id() % 2 != 0 && !pings.allows(System.nanoTime())) {
            badInput.count(BadInputCounter.Kind.PING_FLOOD);
            LOG.log(Level.FINE, "GOAWAY PROTOCOL_ERROR to {0}: PING flood", ctx.channel().remoteAddress());
            ctx.fireExceptionCaught(new SpdyProtocolException("more PINGs per second than maxFramesPerSecond"));
            return;
        }
        openStreams.received(msg);
        ctx.fireChannelRead(msg);
    }

    /** Counts the client streams that Netty's session handler refuses over MAX_CONCURRENT_STREAMS. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SpdyRstStreamFrame reset && reset.status().equals(SpdyStreamStatus.REFUSED_STREAM)
                && reset.streamId() % 2 != 0) {
            badInput.count(BadInputCounter.Kind.STREAM_REFUSED);
        }
        openStreams.sent(msg);
        ctx.write(msg, promise);
    }

    /** The streams open on this connection; read by any thread. */
    OpenStreams openStreams() {
        return openStreams;
    }

    /** Counts frames in one-second windows. */
    private static final class FrameRate {

        private static final long SECOND = 1_000_000_000L;
        private final int maxPerSecond;
        private long windowStart;
        private int inWindow;

        FrameRate(int maxPerSecond) {
            this.maxPerSecond = maxPerSecond;
        }

        boolean allows(long now) {
            if (now - windowStart >= SECOND) {
                windowStart = now;
                inWindow = 0;
            }
            return ++inWindow <= maxPerSecond;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            countAndLog(ctx, cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    private void countAndLog(ChannelHandlerContext ctx, Throwable error) {
        badInput.count(BadInputCounter.Kind.PROTOCOL_ERROR);
        LOG.log(Level.FINE, "GOAWAY PROTOCOL_ERROR to {0}: {1}",
                new Object[]{ctx.channel().remoteAddress(), error.getMessage()});
    }
}
