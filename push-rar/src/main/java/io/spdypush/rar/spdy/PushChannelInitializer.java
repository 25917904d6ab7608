package io.spdypush.rar.spdy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The start of every client connection's pipeline: the admission per address, flush consolidation, TLS when
 * configured, then what chooses the transport (docs/PROTOCOL.md §10): ALPN with TLS, the first bytes in cleartext.
 * {@link Transports} adds the rest.
 */
final class PushChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    static final String TLS = "tls";
    static final String TRANSPORT = "transport";

    private static final Logger LOG = Logger.getLogger(PushChannelInitializer.class.getName());

    private final ServerContext context;
    private final ChannelGroup connections;
    private final ConnectionLimiter limiter;
    private final SslContext tls;
    private final Transports transports;

    /** @param tls the TLS context, or null for cleartext with prior knowledge */
    PushChannelInitializer(ServerContext context, ChannelGroup connections, SslContext tls) {
        this.context = context;
        this.connections = connections;
        this.limiter = new ConnectionLimiter(context.config().maxConnectionsPerAddress());
        this.tls = tls;
        this.transports = new Transports(context);
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
            pipeline.addLast(TRANSPORT, new ApplicationProtocolNegotiationHandler(Transports.ALPN_SPDY_3_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    transports.byAlpn(ctx.pipeline(), protocol);
                }
            });
        } else {
            pipeline.addLast(TRANSPORT, new TransportDetector(transports, context.config().pushStreamTimeout(),
                    context.badInput()));
        }
    }
}
