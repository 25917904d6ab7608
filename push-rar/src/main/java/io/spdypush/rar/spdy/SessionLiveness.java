package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
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
 * answers pass only through here. On HTTP/2 (docs/PROTOCOL.md §10) it sits above Netty's connection handler, which
 * answers the client's PINGs, and our listener of its frames passes every PING on as Netty's frame object. It also tells, to any thread, when the last heartbeat was seen.
 */
final class SessionLiveness extends ChannelInboundHandlerAdapter {

    /** How a transport spells PINGs. */
    interface Pings {
        /** What {@link #heard} says of a message that is not a PING. */
        long NOT_A_PING = -1;
        /** What {@link #heard} says of a PING of the client. */
        long CLIENT_PING = 0;

        /** {@link #NOT_A_PING}, {@link #CLIENT_PING}, or the id of the server's PING that {@code msg} answers. */
        long heard(Object msg);

        /** The server's PING with this id (positive). */
        Object ping(int id);
    }

    /** SPDY/3.1: the client's PINGs have odd ids, the server's even ones, and an answer echoes the id. */
    static final Pings SPDY = new Pings() {
        @Override
        public long heard(Object msg) {
            if (msg instanceof SpdyPingFrame ping) {
                return ping.id() % 2 == 1 ? CLIENT_PING : ping.id();
            }
            return NOT_A_PING;
        }

        @Override
        public Object ping(int id) {
            return new DefaultSpdyPingFrame(id);
        }
    };

    /** HTTP/2: a PING without the ACK flag is the client's, one with it answers the server's and echoes its data. */
    static final Pings HTTP2 = new Pings() {
        @Override
        public long heard(Object msg) {
            if (msg instanceof Http2PingFrame ping) {
                return ping.ack() ? ping.content() : CLIENT_PING;
            }
            return NOT_A_PING;
        }

        @Override
        public Object ping(int id) {
            return new DefaultHttp2PingFrame(id);
        }
    };

    private static final Logger LOG = Logger.getLogger(SessionLiveness.class.getName());
    private static final int NONE = -1;
    private static final long NO_HEARTBEAT = Long.MIN_VALUE;
    private static final AtomicLongFieldUpdater<SessionLiveness> LAST_HEARTBEAT =
            AtomicLongFieldUpdater.newUpdater(SessionLiveness.class, "lastHeartbeatNanos");

    private final Duration pushStreamTimeout;
    private final Duration heartbeatServer;
    private final Duration heartbeatTimeout;
    private final BadInputCounter badInput;
    private final Pings pings;
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

    SessionLiveness(ServerConfig config, BadInputCounter badInput, Pings pings) {
        this.pings = pings;
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
        long heard = pings.heard(msg);
        boolean answer = heard > 0 && heard == awaitedPingId;
        if (heard == Pings.CLIENT_PING || answer) {
            quietSinceNanos = System.nanoTime();
            LAST_HEARTBEAT.lazySet(this, quietSinceNanos);
        }
        if (answer) {
            awaitedPingId = NONE;
            schedule(heartbeatServer);
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
                ctx.writeAndFlush(pings.ping(awaitedPingId));
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
