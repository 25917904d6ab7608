package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads from a client only while it reads what the server writes (docs/PROTOCOL.md §4, §6). Netty answers
 * some frames by itself (a PING with its echo, a frame on an unknown stream with RST_STREAM): a peer
 * that sends such frames and never reads would otherwise make the server queue its answers without
 * bound. While the connection's outbound buffer is over its high-water mark, nothing more is read, so
 * the peer's own TCP window fills; a connection that stays so for {@code writeTimeout} is closed.
 */
final class Backpressure extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(Backpressure.class.getName());

    private final Duration writeTimeout;
    private final BadInputCounter badInput;
    private ScheduledFuture<?> stallTimer;

    Backpressure(Duration writeTimeout, BadInputCounter badInput) {
        this.writeTimeout = writeTimeout;
        this.badInput = badInput;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) {
            cancelTimer();
        } else if (stallTimer == null) {
            stallTimer = ctx.executor().schedule(() -> closeStalled(ctx), writeTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.fireChannelInactive();
    }

    private void closeStalled(ChannelHandlerContext ctx) {
        stallTimer = null;
        if (ctx.channel().isWritable()) {
            return;
        }
        badInput.count(BadInputCounter.Kind.WRITE_STALLED);
        LOG.log(Level.FINE, "Dropping connection from {0}: it read nothing of what the server wrote for {1} s"
                + " (writeTimeoutSeconds)", new Object[]{ctx.channel().remoteAddress(), writeTimeout.toSeconds()});
        ChannelClose.now(ctx.channel());
    }

    private void cancelTimer() {
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
    }
}
