package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.ScheduledFuture;
import io.spdypush.protocol.PushPacket;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HEARTBEAT packet of docs/PROTOCOL.md §10, for push streams whose client may see no PING: every HTTP/1.1 one,
 * and HTTP/2 ones read by a browser's fetch. After T2 without writing on the push stream, it writes the 16-byte
 * packet, and closes the connection when that cannot be written within T3. Its timer runs on the connection's
 * event loop; {@link #lastHeartbeat()} may be read from any thread.
 */
final class QuietStreamHeartbeat {

    private static final Logger LOG = Logger.getLogger(QuietStreamHeartbeat.class.getName());

    private final Channel channel;
    private final Function<ByteBuf, Object> packets;
    private final Duration heartbeatServer;
    private final Duration heartbeatTimeout;
    /** When the push stream was last written (System.nanoTime()); the event loop only. */
    private long lastWriteNanos = System.nanoTime();
    /** When the last HEARTBEAT packet left, or null. */
    private volatile Instant lastHeartbeat;
    private ScheduledFuture<?> timer;

    /** @param packets how the transport carries bytes on the push stream */
    QuietStreamHeartbeat(Channel channel, Function<ByteBuf, Object> packets, ServerConfig config) {
        this.channel = channel;
        this.packets = packets;
        this.heartbeatServer = config.heartbeatServer();
        this.heartbeatTimeout = config.heartbeatTimeout();
    }

    /** Starts counting T2, once the push stream's response has been written; the event loop. */
    void start() {
        lastWriteNanos = System.nanoTime();
        schedule(heartbeatServer.toNanos());
        channel.closeFuture().addListener(closed -> timer.cancel(false));
    }

    /** The push stream is being written; the event loop. */
    void written() {
        lastWriteNanos = System.nanoTime();
    }

    /** When the last HEARTBEAT packet left, or null while there has been none; any thread. */
    Instant lastHeartbeat() {
        return lastHeartbeat;
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
        written();
        ChannelFuture sent = channel.writeAndFlush(packets.apply(heartbeat));
        sent.addListener(done -> {
            if (done.isSuccess()) {
                lastHeartbeat = Instant.now();
            }
        });
        timer = channel.eventLoop().schedule(() -> {
            if (!sent.isDone()) {
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
