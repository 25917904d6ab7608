package io.spdypush.rar.spdy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.spdypush.spdy.LeanSpdyFrameCodec;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pipeline of one client connection, in Netty's SPDY example order after the flush consolidation:
 * TLS when configured,
 * frame codec, Netty's session handler (stream rules, flow control, PING answers), then our
 * session handler; between the codec and Netty's session handler, the guards that see every frame
 * on the wire (flood and stream rules, backpressure, heartbeats).
 */
final class PushChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String TLS = "tls";
    static final String SPDY_CODEC = "spdy-codec";
    static final String INITIAL_SETTINGS = "initial-settings";
    static final String PROTOCOL_GUARD = "protocol-guard";
    static final String BACKPRESSURE = "backpressure";
    static final String LIVENESS = "liveness";
    static final String SPDY_SESSION = "spdy-session";
    static final String PUSH_SESSION = "push-session";

    private static final Logger LOG = Logger.getLogger(PushChannelInitializer.class.getName());

    private final ServerContext context;
    private final ChannelGroup connections;
    private final ConnectionLimiter limiter;
    private final SslContext tls;

    /** @param tls the TLS context, or null for cleartext with prior knowledge */
    PushChannelInitializer(ServerContext context, ChannelGroup connections, SslContext tls) {
        this.context = context;
        this.connections = connections;
        this.limiter = new ConnectionLimiter(context.config().maxConnectionsPerAddress());
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!limiter.admit(channel)) {
            context.badInput().count(BadInputCounter.Kind.CONNECTION_REFUSED);
            LOG.log(Level.FINE, "Refused a connection from {0}: it has maxConnectionsPerAddress ({1}) open",
                    new Object[]{channel.remoteAddress(), context.config().maxConnectionsPerAddress()});
            channel.close();
            return;
        }
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        // Frames answered while a read is processed (acknowledgements, PINGs, Netty's resets) leave in one
        // write call at the read's end, not one each.
        pipeline.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler());
        if (tls != null) {
            pipeline.addLast(TLS, tls.newHandler(channel.alloc()));
        }
        pipeline.addLast(SPDY_CODEC, new LeanSpdyFrameCodec(context.config().maxHeaderBytes(), true));
        // Before the session handler, which sends its SETTINGS as soon as it is added.
        pipeline.addLast(INITIAL_SETTINGS, new InitialSettings());
        pipeline.addLast(PROTOCOL_GUARD, new ProtocolGuard(context.badInput(), context.config().maxFramesPerSecond()));
        pipeline.addLast(BACKPRESSURE, new Backpressure(context.config().writeTimeout(), context.badInput()));
        // Below the session handler, which answers the client's PINGs without passing them on.
        pipeline.addLast(LIVENESS, new SessionLiveness(context.config(), context.badInput()));
        pipeline.addLast(SPDY_SESSION, new SpdySessionHandler(SpdyVersion.SPDY_3_1, true,
                context.config().maxConcurrentStreams()));
        pipeline.addLast(PUSH_SESSION, new SessionHandler(context));
    }
}
