package io.spdypush.rar.spdy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listening socket, its event loops and the connections on it: bound at start, and at stop closed, every
 * connection given the shutdown grace to finish, then forced, and the threads handed back.
 */
final class SpdyListener {

    private static final Logger LOG = Logger.getLogger(SpdyListener.class.getName());

    private final SocketIo io;
    private final EventLoopGroup eventLoops;
    private final ChannelGroup connections;
    private final Channel channel;

    private SpdyListener(SocketIo io, EventLoopGroup eventLoops, ChannelGroup connections, Channel channel) {
        this.io = io;
        this.eventLoops = eventLoops;
        this.connections = connections;
        this.channel = channel;
    }

    /**
     * Binds the configured address, the event loops' threads from {@code threads}.
     *
     * @param tls the TLS context, or null for cleartext with prior knowledge
     * @throws IllegalStateException naming the address and the properties when the port cannot be bound
     */
    static SpdyListener bind(ServerContext context, Executor threads, SslContext tls) {
        ServerConfig config = context.config();
        SocketIo io = SocketIo.best();
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), threads,
                io.handlers());
        ChannelGroup connections = new DefaultChannelGroup("spdy-connections", eventLoops.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new PushChannelInitializer(context, connections, tls));
        try {
            Channel channel = bootstrap.bind(config.bindAddress(), config.spdyPort()).syncUninterruptibly().channel();
            return new SpdyListener(io, eventLoops, connections, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IllegalStateException("Cannot listen for SPDY on " + config.bindAddress() + ":"
                    + config.spdyPort() + ": " + e.getMessage()
                    + " (resource adapter config properties bindAddress, spdyPort)", e);
        }
    }

    /** The port bound, which differs from the configured one when that was 0. */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** What drives the sockets, for the log: epoll, or NIO and why. */
    String socketIo() {
        return io.name();
    }

    boolean isActive() {
        return channel.isActive();
    }

    /** Connections open, with or without a push stream. */
    int connections() {
        return connections.size();
    }

    /** Runs {@code task} every {@code period} on one of the event loops. */
    void every(Duration period, Runnable task) {
        eventLoops.next().scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops accepting, closes every connection (GOAWAY), force-closes those that outlive {@code grace} and hands
     * the event loops' threads back.
     */
    void close(Duration grace) {
        channel.close().syncUninterruptibly();
        long graceMillis = grace.toMillis();
        if (!connections.close().awaitUninterruptibly(graceMillis)) {
            LOG.log(Level.INFO, "Closing {0} SPDY sessions that outlived the {1} ms shutdown grace period",
                    new Object[]{connections.size(), graceMillis});
            connections.forEach(ChannelClose::now);
        }
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
