package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drops connections that are not alive (docs/PROTOCOL.md §4, §5): one that opens no push stream
 * within the push stream timeout, and one that neither sends a PING for T2 nor answers the
 * server's PING within T3. It sits below Netty's session handler, which answers and swallows
 * the client's PINGs; here they are still visible, and the server's own PINGs and their
 * answers pass only through here. It also tells, to any thread, when the last heartbeat was seen.
 */
final class SessionLiveness extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SessionLiveness.class.getName());
    private static final int NONE = -1;
    private static final long NO_HEARTBEAT = Long.MIN_VALUE;
    private static final AtomicLongFieldUpdater<SessionLiveness> LAST_HEARTBEAT =
            AtomicLongFieldUpdater.newUpdater(SessionLiveness.class, "lastHeartbeatNanos");

    private final Duration pushStreamTimeout;
    private final Duration heartbeatServer;
    private final Duration heartbeatTimeout;
    private final BadInputCounter badInput;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean pushStreamOpen;
    /** Since when the client has been quiet, for T2: the push stream's acceptance or the last heartbeat. */
    private long quietSinceNanos;
    /**
     * {@code System.nanoTime()} of the last heartbeat, or {@link #NO_HEARTBEAT}; written on the event
     * loop with lazySet (no fence there), read by any thread.
     */
    private volatile long lastHeartbeatNanos = NO_HEARTBEAT;
    private int nextPingId = 2;
    private int awaitedPingId = NONE;

    SessionLiveness(ServerConfig config, BadInputCounter badInput) {
        this.pushStreamTimeout = config.pushStreamTimeout();
        this.heartbeatServer = config.heartbeatServer();
        this.heartbeatTimeout = config.heartbeatTimeout();
        this.badInput = badInput;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        schedule(pushStreamTimeout);
    }

    /** T2 counts from here: called on the event loop when the push stream is accepted. */
    void pushStreamOpened() {
        pushStreamOpen = true;
        quietSinceNanos = System.nanoTime();
        schedule(heartbeatServer);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SpdyPingFrame ping) {
            if (ping.id() % 2 == 1 || ping.id() == awaitedPingId) {
                quietSinceNanos = System.nanoTime();
                LAST_HEARTBEAT.lazySet(this, quietSinceNanos);
            }
            if (ping.id() == awaitedPingId) {
                awaitedPingId = NONE;
                schedule(heartbeatServer);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * When the last heartbeat (docs/PROTOCOL.md §5) was seen: a PING of the client, or its answer to the
     * server's PING; null while there has been none. Any thread.
     */
    Instant lastHeartbeat() {
        long seen = lastHeartbeatNanos;
        return seen == NO_HEARTBEAT ? null : Instant.now().minusNanos(System.nanoTime() - seen);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.fireChannelInactive();
    }

    private void check() {
        if (!pushStreamOpen) {
            badInput.count(BadInputCounter.Kind.NO_PUSH_STREAM);
            drop("it opened no push stream within " + pushStreamTimeout.toSeconds() + " s");
        } else if (awaitedPingId != NONE) {
            drop("it did not answer PING " + awaitedPingId + " within " + heartbeatTimeout.toSeconds()
                    + " s (heartbeatTimeoutSeconds)");
        } else {
            long silentNanos = System.nanoTime() - quietSinceNanos;
            if (silentNanos >= heartbeatServer.toNanos()) {
                awaitedPingId = nextPingId;
                nextPingId = nextPingId + 2 > 0 ? nextPingId + 2 : 2;
                ctx.writeAndFlush(new DefaultSpdyPingFrame(awaitedPingId));
                schedule(heartbeatTimeout);
            } else {
                schedule(Duration.ofNanos(heartbeatServer.toNanos() - silentNanos));
            }
        }
    }

    private void drop(String why) {
        LOG.log(Level.FINE, "Dropping connection from {0}: {1}", new Object[]{ctx.channel().remoteAddress(), why});
        ChannelClose.now(ctx.channel());
    }

    private void schedule(Duration delay) {
        cancelTimer();
        timer = ctx.executor().schedule(this::check, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
