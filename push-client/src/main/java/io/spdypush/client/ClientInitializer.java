package io.spdypush.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.spdypush.spdy.LeanSpdyFrameCodec;

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
    /** Netty's default limit on the names and values of one header block the server sends. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;

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
        // Header blocks go out uncompressed and declare the smallest zlib window, so the server keeps 256 bytes of
        // this client's header stream however long the session lives; and the client keeps no Deflater.
        pipeline.addLast(SPDY_CODEC, new LeanSpdyFrameCodec(MAX_HEADER_BYTES, true));
        pipeline.addLast(HEARTBEAT, session.heartbeat());
        pipeline.addLast(SPDY_SESSION, new SpdySessionHandler(SpdyVersion.SPDY_3_1, false));
        pipeline.addLast(PUSH_SESSION, session);
    }
}
