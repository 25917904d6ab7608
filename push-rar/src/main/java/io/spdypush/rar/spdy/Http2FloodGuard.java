package io.spdypush.rar.spdy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2WindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the door against floods on HTTP/2 (docs/PROTOCOL.md §4, §10), above Netty's frame codec, which bounds
 * the rest itself (resets per window, queued control frames, empty DATA and CONTINUATION frames, header list size):
 * every frame the client sends (but WINDOW_UPDATEs that open much of a window the server sends on, which a client
 * reading a busy push stream sends for every few frames) counts against one budget of maxFramesPerSecond, and a
 * connection over twice it, or with more PINGs or SETTINGS than it in a second, gets GOAWAY ENHANCE_YOUR_CALM and
 * is closed.
 */
final class Http2FloodGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(Http2FloodGuard.class.getName());

    private final BadInputCounter badInput;
    private final int maxFramesPerSecond;
    private final FrameRate frames = new FrameRate();
    private final FrameRate pings = new FrameRate();
    private final FrameRate settings = new FrameRate();
    private boolean failed;

    Http2FloodGuard(BadInputCounter badInput, int maxFramesPerSecond) {
        this.badInput = badInput;
        this.maxFramesPerSecond = maxFramesPerSecond;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        long now = System.nanoTime();
        boolean free = msg instanceof Http2WindowUpdateFrame update
                && update.windowSizeIncrement() >= ProtocolGuard.FREE_WINDOW_UPDATE_BYTES;
        if (frames.count(now, free ? 0 : 1) > 2 * maxFramesPerSecond) {
            flood(ctx, msg, BadInputCounter.Kind.FRAME_FLOOD, "more than twice maxFramesPerSecond frames in a second");
        } else if (msg instanceof Http2PingFrame ping && !ping.ack() && pings.count(now, 1) > maxFramesPerSecond) {
            flood(ctx, msg, BadInputCounter.Kind.PING_FLOOD, "more PINGs than maxFramesPerSecond in a second");
        } else if (msg instanceof Http2SettingsFrame && settings.count(now, 1) > maxFramesPerSecond) {
            flood(ctx, msg, BadInputCounter.Kind.FRAME_FLOOD, "more SETTINGS than maxFramesPerSecond in a second");
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void flood(ChannelHandlerContext ctx, Object msg, BadInputCounter.Kind kind, String what) {
        ReferenceCountUtil.release(msg);
        failed = true;
        badInput.count(kind);
        LOG.log(Level.FINE, "GOAWAY ENHANCE_YOUR_CALM to {0}: {1} (maxFramesPerSecond {2})",
                new Object[]{ctx.channel().remoteAddress(), what, maxFramesPerSecond});
        ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.ENHANCE_YOUR_CALM))
                .addListener(ChannelFutureListener.CLOSE);
        // A peer that reads nothing never lets the GOAWAY leave.
        ctx.executor().schedule(() -> ChannelClose.now(ctx.channel()), ProtocolGuard.FAILED_SESSION_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }
}
