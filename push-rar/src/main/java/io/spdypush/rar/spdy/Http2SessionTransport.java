package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2Connection;

import java.time.Duration;
import java.time.Instant;

/**
 * A push session on HTTP/2 (docs/PROTOCOL.md §10): packets in DATA frames of its push stream, GOAWAY NO_ERROR through
 * Netty's connection handler on close. PINGs are its heartbeats, and the last one seen is the pages'; a browser's fetch sees no
 * PING, so a quiet push stream also carries HEARTBEAT packets.
 */
final class Http2SessionTransport implements SessionTransport {

    private final Channel channel;
    private final int pushStreamId;
    private final SessionLiveness liveness;
    private final Http2Connection connection;
    private final QuietStreamHeartbeat heartbeat;

    Http2SessionTransport(Channel channel, int pushStreamId, SessionLiveness liveness,
                          Http2Connection connection, ServerConfig config) {
        this.channel = channel;
        this.pushStreamId = pushStreamId;
        this.liveness = liveness;
        this.connection = connection;
        this.heartbeat = new QuietStreamHeartbeat(channel, this::dataFrame, config);
    }

    /** Starts the HEARTBEAT packets, once the push stream's response headers have been written; the event loop. */
    void start() {
        heartbeat.start();
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public Object packets(ByteBuf packets) {
        heartbeat.written();
        return dataFrame(packets);
    }

    private Object dataFrame(ByteBuf packets) {
        return new LeanHttp2ConnectionHandler.StreamData(pushStreamId, packets);
    }

    @Override
    public void closeGracefully(Duration grace) {
        ChannelClose.gracefully(channel, grace);
    }

    @Override
    public Instant lastHeartbeat() {
        return liveness.lastHeartbeat();
    }

    /** Read from another thread without a fence: the pages may see a count a moment old. */
    @Override
    public int openStreams() {
        return connection.numActiveStreams();
    }
}
