package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.SpdySettingsFrame;

/**
 * Adds INITIAL_WINDOW_SIZE to the SETTINGS frame that Netty's session handler sends on
 * connect, which carries only MAX_CONCURRENT_STREAMS (docs/PROTOCOL.md §1 wants both). It sits
 * below the session handler, so the value must be the window that handler already uses.
 */
final class InitialSettings extends ChannelOutboundHandlerAdapter {

    /** Netty's session handler starts every stream's receive window at 64 KiB. */
    static final int INITIAL_WINDOW_SIZE = 64 * 1024;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof SpdySettingsFrame settings) {
            settings.setValue(SpdySettingsFrame.SETTINGS_INITIAL_WINDOW_SIZE, INITIAL_WINDOW_SIZE);
            ctx.pipeline().remove(this);
        }
        ctx.write(msg, promise);
    }
}
