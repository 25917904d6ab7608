package io.spdypush.client;

import io.spdypush.protocol.ProtocolDefaults;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client's heartbeat (docs/PROTOCOL.md §5): when no frame has arrived for T1 it sends a PING with an odd id, and
 * when no answer comes within T3 it declares the session dead. It sits between the frame codec and Netty's
 * {@code SpdySessionHandler}, because the session handler answers the server's PINGs itself and never passes
 * them on: only here do they count as traffic. Used on the connection's event loop only.
 */
final class Heartbeat extends ChannelInboundHandlerAdapter {

    /** T1 until the server says its own in {@code push-heartbeat}: the protocol's default. */
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(ProtocolDefaults.HEARTBEAT_CLIENT_SECONDS);

    private static final long NOT_WAITING = -1;

    private final boolean periodFixed;
    private final long timeoutNanos;
    private final Runnable dead;
    private long periodNanos;
    private ChannelHandlerContext ctx;
    private long lastReadNanos;
    /** When the unanswered PING went out, or {@link #NOT_WAITING}. */
    private long pingSentNanos = NOT_WAITING;
    private int pingId = -1;
    private ScheduledFuture<?> check;
    private boolean running;

    /**
     * @param period  T1 set by the application, or null to take the server's
     * @param timeout T3
     * @param dead    called once, on the event loop, when a PING goes unanswered for T3
     */
    Heartbeat(Duration period, Duration timeout, Runnable dead) {
        this.periodFixed = period != null;
        this.periodNanos = (period != null ? period : DEFAULT_PERIOD).toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.dead = dead;
    }

    /** The server's T1 from {@code push-heartbeat}; it applies unless the application set its own. */
    void serverRecommends(Duration period) {
        if (periodFixed) {
            return;
        }
        periodNanos = period.toNanos();
        if (running && pingSentNanos == NOT_WAITING) {
            reschedule(periodNanos - (System.nanoTime() - lastReadNanos));
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Counted from the connection's start, so that a server that never answers the push stream is found too.
        lastReadNanos = System.nanoTime();
        running = true;
        reschedule(periodNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (running && msg instanceof SpdyPingFrame ping && ping.id() == pingId) {
            pingSentNanos = NOT_WAITING;
            reschedule(periodNanos);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void check() {
        long now = System.nanoTime();
        if (pingSentNanos != NOT_WAITING) {
            if (now - pingSentNanos >= timeoutNanos) {
                stop();
                dead.run();
            } else {
                reschedule(timeoutNanos - (now - pingSentNanos));
            }
            return;
        }
        long idle = now - lastReadNanos;
        if (idle < periodNanos) {
            reschedule(periodNanos - idle);
            return;
        }
        // Odd ids are the client's (SPDY/3.1 §2.6.5); written from the tail so that SpdySessionHandler counts it.
        pingId += 2;
        pingSentNanos = now;
        ctx.channel().writeAndFlush(new DefaultSpdyPingFrame(pingId));
        reschedule(timeoutNanos);
    }

    private void reschedule(long delayNanos) {
        if (check != null) {
            check.cancel(false);
        }
        check = ctx.executor().schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void stop() {
        running = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        pingSentNanos = NOT_WAITING;
    }
}
