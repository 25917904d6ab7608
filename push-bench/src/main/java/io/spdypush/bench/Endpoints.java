package io.spdypush.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where the server under test listens, the token secret, and the event loop group that every session of
 * this process shares (one group for thousands of sessions, unlike one per PushClient).
 */
record Endpoints(String host, int httpPort, int spdyPort, String tokenSecret, EventLoopGroup group) {

    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    /**
     * Connects from {@code local} (any port) to the server's {@code port}, with a new pipeline of the
     * {@code handlers} given; a connection that cannot be made fails {@code accepted}.
     */
    void connect(int port, InetAddress local, CompletableFuture<?> accepted, Supplier<ChannelHandler[]> handlers) {
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(handlers.get());
                    }
                })
                .connect(new InetSocketAddress(host, port), new InetSocketAddress(local, 0))
                .addListener(connect -> {
                    if (!connect.isSuccess()) {
                        accepted.completeExceptionally(connect.cause());
                    }
                });
    }
}
