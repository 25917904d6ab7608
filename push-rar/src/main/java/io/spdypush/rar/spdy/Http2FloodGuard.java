package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the door against floods on HTTP/2 (docs/PROTOCOL.md §4, §10), between Netty's connection handler, which
 * bounds the rest itself (resets per window, queued control frames, empty DATA and CONTINUATION frames, header list
 * size), and the listener of the frames: every frame the client sends (but WINDOW_UPDATEs that open much of a window
 * the server sends on, which a client reading a busy push stream sends for every few frames) counts against one
 * budget of maxFramesPerSecond, and a connection over twice it, or with more PINGs or SETTINGS than it in a second,
 * gets GOAWAY ENHANCE_YOUR_CALM and is closed; its later frames are dropped.
 */
final class Http2FloodGuard extends Http2FrameListenerDecorator {

    private static final Logger LOG = Logger.getLogger(Http2FloodGuard.class.getName());

    private final BadInputCounter badInput;
    private final int maxFramesPerSecond;
    private final FrameRate frames = new FrameRate();
    private final FrameRate pings = new FrameRate();
    private final FrameRate settings = new FrameRate();
    private boolean failed;

    /** @param listener what reads the frames within the budget */
    Http2FloodGuard(BadInputCounter badInput, int maxFramesPerSecond, Http2FrameListener listener) {
        super(listener);
        this.badInput = badInput;
        this.maxFramesPerSecond = maxFramesPerSecond;
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream)
            throws Http2Exception {
        // Dropped DATA is consumed all the same, so that the window never waits on it.
        return admitted(ctx, 1) ? super.onDataRead(ctx, streamId, data, padding, endOfStream)
                : data.readableBytes() + padding;
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                              boolean endOfStream) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                              short weight, boolean exclusive, int padding, boolean endOfStream)
            throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onHeadersRead(ctx, streamId, headers, streamDependency, weight, exclusive, padding, endOfStream);
        }
    }

    @Override
    public void onPriorityRead(ChannelHandlerContext ctx, int streamId, int streamDependency, short weight,
                               boolean exclusive) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onPriorityRead(ctx, streamId, streamDependency, weight, exclusive);
        }
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onRstStreamRead(ctx, streamId, errorCode);
        }
    }

    @Override
    public void onSettingsAckRead(ChannelHandlerContext ctx) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onSettingsAckRead(ctx);
        }
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings received) throws Http2Exception {
        if (admitted(ctx, settings, BadInputCounter.Kind.FRAME_FLOOD,
                "more SETTINGS than maxFramesPerSecond in a second")) {
            super.onSettingsRead(ctx, received);
        }
    }

    @Override
    public void onPingRead(ChannelHandlerContext ctx, long data) throws Http2Exception {
        if (admitted(ctx, pings, BadInputCounter.Kind.PING_FLOOD, "more PINGs than maxFramesPerSecond in a second")) {
            super.onPingRead(ctx, data);
        }
    }

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onPingAckRead(ctx, data);
        }
    }

    @Override
    public void onPushPromiseRead(ChannelHandlerContext ctx, int streamId, int promisedStreamId, Http2Headers headers,
                                  int padding) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onPushPromiseRead(ctx, streamId, promisedStreamId, headers, padding);
        }
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData)
            throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onGoAwayRead(ctx, lastStreamId, errorCode, debugData);
        }
    }

    @Override
    public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int windowSizeIncrement)
            throws Http2Exception {
        if (admitted(ctx, windowSizeIncrement >= ProtocolGuard.FREE_WINDOW_UPDATE_BYTES ? 0 : 1)) {
            super.onWindowUpdateRead(ctx, streamId, windowSizeIncrement);
        }
    }

    @Override
    public void onUnknownFrame(ChannelHandlerContext ctx, byte frameType, int streamId, Http2Flags flags,
                               ByteBuf payload) throws Http2Exception {
        if (admitted(ctx, 1)) {
            super.onUnknownFrame(ctx, frameType, streamId, flags, payload);
        }
    }

    /** Counts a frame as {@code cost}; false when the connection has failed, now or before. */
    private boolean admitted(ChannelHandlerContext ctx, int cost) {
        if (!failed && frames.count(System.nanoTime(), cost) > 2 * maxFramesPerSecond) {
            flood(ctx, BadInputCounter.Kind.FRAME_FLOOD, "more than twice maxFramesPerSecond frames in a second");
        }
        return !failed;
    }

    /** Counts a frame against the budget and against maxFramesPerSecond of its kind, counted in {@code ofItsKind}. */
    private boolean admitted(ChannelHandlerContext ctx, FrameRate ofItsKind, BadInputCounter.Kind kind, String what) {
        if (admitted(ctx, 1) && ofItsKind.count(System.nanoTime(), 1) > maxFramesPerSecond) {
            flood(ctx, kind, what);
        }
        return !failed;
    }

    /** @param ctx the connection handler's, as every frame listener is called with */
    private void flood(ChannelHandlerContext ctx, BadInputCounter.Kind kind, String what) {
        failed = true;
        badInput.count(kind);
        LOG.log(Level.FINE, "GOAWAY ENHANCE_YOUR_CALM to {0}: {1} (maxFramesPerSecond {2})",
                new Object[]{ctx.channel().remoteAddress(), what, maxFramesPerSecond});
        Http2ConnectionHandler connection = (Http2ConnectionHandler) ctx.handler();
        connection.goAway(ctx, connection.connection().remote().lastStreamCreated(),
                Http2Error.ENHANCE_YOUR_CALM.code(), Unpooled.EMPTY_BUFFER, ctx.newPromise())
                .addListener(ChannelFutureListener.CLOSE);
        ctx.flush();
        // A peer that reads nothing never lets the GOAWAY leave.
        ctx.executor().schedule(() -> ChannelClose.now(ctx.channel()), ProtocolGuard.FAILED_SESSION_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }
}
