package io.spdypush.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;

/**
 * The client pipeline: [TLS] → SPDY/3.1 frame codec → heartbeat → Netty's session handler (client side) → our
 * session.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";
    static final String SPDY_CODEC = "spdy-codec";
    static final String HEARTBEAT = "heartbeat";
    static final String SPDY_SESSION = "spdy-session";
    static final String PUSH_SESSION = "push-session";

    private final ClientSettings settings;
    private final ClientSessionHandler session;

    ClientInitializer(ClientSettings settings, ClientSessionHandler session) {
        this.settings = settings;
        this.session = session;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.tls()) {
            // Host and port give SNI and host-name verification.
            pipeline.addLast(TLS, settings.sslContext().newHandler(channel.alloc(), settings.host(), settings.port()));
        }
        pipeline.addLast(SPDY_CODEC, new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        pipeline.addLast(HEARTBEAT, session.heartbeat());
        pipeline.addLast(SPDY_SESSION, new SpdySessionHandler(SpdyVersion.SPDY_3_1, false));
        pipeline.addLast(PUSH_SESSION, session);
    }
}
