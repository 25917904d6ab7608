package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;

import java.time.Duration;
import java.time.Instant;

/** A push session on SPDY/3.1: packets in DATA frames of its push stream, GOAWAY through Netty's session handler. */
final class SpdySessionTransport implements SessionTransport {

    private final Channel channel;
    private final int pushStreamId;
    private final SessionLiveness liveness;
    private final OpenStreams openStreams;

    SpdySessionTransport(Channel channel, int pushStreamId, SessionLiveness liveness, OpenStreams openStreams) {
        this.channel = channel;
        this.pushStreamId = pushStreamId;
        this.liveness = liveness;
        this.openStreams = openStreams;
    }

    int pushStreamId() {
        return pushStreamId;
    }

    @Override
    public String name() {
        return "spdy/3.1";
    }

    @Override
    public Object packets(ByteBuf packets) {
        return new DefaultSpdyDataFrame(pushStreamId, packets);
    }

    @Override
    public void closeGracefully(Duration grace) {
        ChannelClose.gracefully(channel, grace);
    }

    @Override
    public Instant lastHeartbeat() {
        return liveness.lastHeartbeat();
    }

    @Override
    public int openStreams() {
        return openStreams.count();
    }
}
