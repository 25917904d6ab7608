package io.spdypush.client;

import io.spdypush.protocol.ProtocolDefaults;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's heartbeat. Where the transport has PINGs (SPDY/3.1, HTTP/2; docs/PROTOCOL.md §5), when nothing has
 * arrived for T1 it sends a PING and, when no answer comes within T3, declares the session dead. HTTP/1.1 has none
 * (§10): there the server writes a HEARTBEAT packet after T2 of quiet, and a push stream that carried no byte for
 * T2 + T3 is dead. It sits right after the transport's codec, before anything that answers the server's PINGs and
 * swallows them (Netty's {@code SpdySessionHandler}): only here does every frame count as traffic. Used on the
 * connection's event loop only.
 */
final class Heartbeat extends ChannelInboundHandlerAdapter {

    /** How a transport PINGs. */
    interface Pings {

        /** The PING to write; {@code id} is odd and grows, as SPDY/3.1 wants of a client (§2.6.5). */
        Object ping(int id);

        /** Whether {@code msg} is the server's answer to the PING of {@code id}. */
        boolean isAnswer(Object msg, int id);
    }

    /** T1 until the server says its own in {@code push-heartbeat}: the protocol's default. */
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(ProtocolDefaults.HEARTBEAT_CLIENT_SECONDS);
    /** T2 unless the application says the server's own: the protocol's default. */
    static final Duration DEFAULT_SERVER_PERIOD = Duration.ofSeconds(ProtocolDefaults.HEARTBEAT_SERVER_SECONDS);

    private static final long NOT_WAITING = -1;

    /** Null when the transport has no PING. */
    private final Pings pings;
    private final boolean periodFixed;
    /** The shortest period {@code push-heartbeat} can set: T1 may be anything, T2 is at least its default. */
    private final long minimumPeriodNanos;
    private final long timeoutNanos;
    private final String server;
    private final Consumer<String> dead;
    private long periodNanos;
    private ChannelHandlerContext ctx;
    private long lastReadNanos;
    /** When the unanswered PING went out, or the quiet began that only a byte can end; else {@link #NOT_WAITING}. */
    private long waitingSinceNanos = NOT_WAITING;
    private int pingId = -1;
    private ScheduledFuture<?> check;
    private boolean running;

    private Heartbeat(Pings pings, Duration fixedPeriod, Duration defaultPeriod, Duration minimumPeriod,
                      Duration timeout, String server, Consumer<String> dead) {
        this.pings = pings;
        this.periodFixed = fixedPeriod != null;
        this.periodNanos = (fixedPeriod != null ? fixedPeriod : defaultPeriod).toNanos();
        this.minimumPeriodNanos = minimumPeriod.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.server = server;
        this.dead = dead;
    }

    /**
     * PINGs after T1 without a frame from the server (§5).
     *
     * @param period  T1 set by the application, or null to take the server's
     * @param timeout T3
     * @param server  the server's authority, for the message
     * @param dead    called once, on the event loop, with why the session is dead, when a PING goes unanswered for T3
     */
    static Heartbeat pinging(Pings pings, Duration period, Duration timeout, String server, Consumer<String> dead) {
        return new Heartbeat(pings, period, DEFAULT_PERIOD, Duration.ZERO, timeout, server, dead);
    }

    /**
     * Listens for the bytes of the push stream, the server's HEARTBEAT packets among them (§10), and declares the
     * session dead after T2 + T3 without one. The server's T2 is not on the wire; its T1 is, and a server keeps T1 at
     * most T2, so T2 is the longer of T1 and the protocol's default unless the application knows the server's.
     *
     * @param serverPeriod T2 set by the application, or null
     */
    static Heartbeat listening(Duration serverPeriod, Duration timeout, String server, Consumer<String> dead) {
        return new Heartbeat(null, serverPeriod, DEFAULT_SERVER_PERIOD, DEFAULT_SERVER_PERIOD, timeout, server,
                dead);
    }

    /** The server's T1 from {@code push-heartbeat}; it applies unless the application set its own period. */
    void serverRecommends(Duration period) {
        if (periodFixed) {
            return;
        }
        periodNanos = Math.max(minimumPeriodNanos, period.toNanos());
        if (running && waitingSinceNanos == NOT_WAITING) {
            reschedule(periodNanos - (System.nanoTime() - lastReadNanos));
        }
    }

    /** Added once ALPN has chosen the transport, the connection is active already; in cleartext it is not yet. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (running && waitingSinceNanos != NOT_WAITING && (pings == null || pings.isAnswer(msg, pingId))) {
            waitingSinceNanos = NOT_WAITING;
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

    /** Counted from the connection's start, so that a server that never answers the push stream is found too. */
    private void start() {
        if (running) {
            return;
        }
        lastReadNanos = System.nanoTime();
        running = true;
        reschedule(periodNanos);
    }

    private void check() {
        long now = System.nanoTime();
        if (waitingSinceNanos != NOT_WAITING) {
            if (now - waitingSinceNanos >= timeoutNanos) {
                stop();
                dead.accept(deadReason());
            } else {
                reschedule(timeoutNanos - (now - waitingSinceNanos));
            }
            return;
        }
        long idle = now - lastReadNanos;
        if (idle < periodNanos) {
            reschedule(periodNanos - idle);
            return;
        }
        waitingSinceNanos = now;
        if (pings != null) {
            pingId += 2;
            // Written from the tail, so that a session handler behind this one counts it.
            ctx.channel().writeAndFlush(pings.ping(pingId));
        }
        reschedule(timeoutNanos);
    }

    private String deadReason() {
        long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        if (pings != null) {
            return "no answer from " + server + " to a PING within " + timeoutMillis + " ms";
        }
        return "the push stream from " + server + " carried no byte for "
                + TimeUnit.NANOSECONDS.toMillis(periodNanos + timeoutNanos) + " ms (T2 + T3 of docs/PROTOCOL.md §10)";
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
        waitingSinceNanos = NOT_WAITING;
    }
}
