package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A push session on HTTP/1.1 (docs/PROTOCOL.md §10): the push response's chunks carry the packets, and its last
 * chunk ends the session. HTTP/1.1 has no PING: HEARTBEAT packets keep a quiet push stream alive.
 */
final class Http1SessionTransport implements SessionTransport {

    private final Channel channel;
    private final QuietStreamHeartbeat heartbeat;

    Http1SessionTransport(Channel channel, ServerConfig config) {
        this.channel = channel;
        this.heartbeat = new QuietStreamHeartbeat(channel, DefaultHttpContent::new, config);
    }

    /** Starts the heartbeats, once the push response's head has been written; the event loop. */
    void start() {
        heartbeat.start();
    }

    @Override
    public String name() {
        return "http/1.1";
    }

    @Override
    public Object packets(ByteBuf packets) {
        heartbeat.written();
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
        return heartbeat.lastHeartbeat();
    }

    @Override
    public int openStreams() {
        return 1;
    }
}
