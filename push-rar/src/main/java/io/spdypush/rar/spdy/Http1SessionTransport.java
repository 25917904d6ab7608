package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.spdypush.protocol.PushPacket;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A push session on HTTP/1.1 (docs/PROTOCOL.md §10): the push response's chunks carry the packets, and its last
 * chunk ends the session. HTTP/1.1 has no PING: after T2 without writing on the push stream the server writes a
 * HEARTBEAT packet, and closes the connection when that packet cannot be written within T3. Its timer runs on the
 * connection's event loop; {@link #lastHeartbeat()} may be read from any thread.
 */
final class Http1SessionTransport implements SessionTransport {

    private static final Logger LOG = Logger.getLogger(Http1SessionTransport.class.getName());

    private final Channel channel;
    private final Duration heartbeatServer;
    private final Duration heartbeatTimeout;
    /** When the push stream was last written (System.nanoTime()); the event loop only. */
    private long lastWriteNanos = System.nanoTime();
    /** When the last HEARTBEAT packet left, or null. */
    private volatile Instant lastHeartbeat;
    private ScheduledFuture<?> timer;

    Http1SessionTransport(Channel channel, ServerConfig config) {
        this.channel = channel;
        this.heartbeatServer = config.heartbeatServer();
        this.heartbeatTimeout = config.heartbeatTimeout();
    }

    /** Starts the heartbeats, once the push response has been written; the event loop. */
    void start() {
        lastWriteNanos = System.nanoTime();
        schedule(heartbeatServer.toNanos());
        channel.closeFuture().addListener(closed -> timer.cancel(false));
    }

    @Override
    public String name() {
        return "http/1.1";
    }

    @Override
    public Object packets(ByteBuf packets) {
        lastWriteNanos = System.nanoTime();
        return new DefaultHttpContent(packets);
    }

    @Override
    public void closeGracefully(Duration grace) {
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            }
        });
        channel.eventLoop().schedule(() -> ChannelClose.now(channel), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    @Override
    public int openStreams() {
        return 1;
    }

    private void check() {
        long quietNanos = System.nanoTime() - lastWriteNanos;
        if (quietNanos < heartbeatServer.toNanos()) {
            schedule(heartbeatServer.toNanos() - quietNanos);
            return;
        }
        ByteBuf heartbeat = channel.alloc().buffer(PushPacket.HEADER_BYTES)
                .writeInt(PushPacket.FIXED_AFTER_LENGTH)
                .writeByte(PushPacket.TYPE_HEARTBEAT)
                .writeByte(0)
                .writeLong(0)
                .writeShort(0);
        ChannelFuture written = channel.writeAndFlush(packets(heartbeat));
        written.addListener(done -> {
            if (done.isSuccess()) {
                lastHeartbeat = Instant.now();
            }
        });
        timer = channel.eventLoop().schedule(() -> {
            if (!written.isDone()) {
                LOG.log(Level.FINE, "Dropping connection from {0}: a HEARTBEAT packet could not be written within {1} s"
                        + " (heartbeatTimeoutSeconds)", new Object[]{channel.remoteAddress(), heartbeatTimeout.toSeconds()});
                ChannelClose.now(channel);
            } else {
                check();
            }
        }, heartbeatTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void schedule(long delayNanos) {
        timer = channel.eventLoop().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }
}
