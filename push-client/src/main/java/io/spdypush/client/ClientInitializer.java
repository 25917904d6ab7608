package io.spdypush.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;

/**
 * The start of a session's pipeline: [TLS → ALPN] → our session. The session adds its transport's handlers
 * ({@link ClientTransports}) once the transport is known: at once in cleartext, once ALPN has chosen with TLS.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";
    static final String ALPN = "alpn";
    static final String PUSH_SESSION = "push-session";
    /** What ALPN hands over when the server selected no protocol, which no transport offers. */
    private static final String NOTHING_SELECTED = "";

    private final ClientSettings settings;
    private final ClientSessionHandler session;

    ClientInitializer(ClientSettings settings, ClientSessionHandler session) {
        this.settings = settings;
        this.session = session;
    }

    /** How the client connects, the session's connection and the HTTP/1.1 requests' alike. */
    static Bootstrap bootstrap(EventLoopGroup group) {
        // Acks and requests are small: each goes out at once.
        return new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
    }

    /** The TLS handler of a connection to the settings' server; host and port give SNI and host-name verification. */
    static SslHandler tls(Channel channel, ClientSettings settings) {
        return settings.sslContext().newHandler(channel.alloc(), settings.host(), settings.port());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (settings.tls()) {
            pipeline.addLast(TLS, tls(channel, settings));
            // Netty's negotiation keeps what arrives before the transport's handlers are in place.
            pipeline.addLast(ALPN, new ApplicationProtocolNegotiationHandler(NOTHING_SELECTED) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    session.negotiated(protocol);
                }

                @Override
                protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close(); // the session reports why, from the handshake's completion event
                }
            });
        }
        pipeline.addLast(PUSH_SESSION, session);
    }
}
