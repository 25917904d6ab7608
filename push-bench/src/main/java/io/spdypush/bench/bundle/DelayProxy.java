package io.spdypush.bench.bundle;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on loopback that holds every chunk for a fixed one-way delay before passing it on,
 * in order, both ways: a round trip through it takes twice the delay, as over a real network,
 * whatever the client. Used where {@code tc netem} is not available (it needs privileges).
 */
final class DelayProxy implements AutoCloseable {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    DelayProxy(String targetHost, int targetPort, Duration oneWay) {
        long delayNanos = oneWay.toNanos();
        listener = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel inbound) {
                        Channel outbound = new Bootstrap().group(inbound.eventLoop()).channel(NioSocketChannel.class)
                                .option(ChannelOption.TCP_NODELAY, true)
                                .handler(new Relay(inbound, delayNanos))
                                .connect(targetHost, targetPort)
                                .addListener(connected -> inbound.config().setAutoRead(true))
                                .channel();
                        inbound.pipeline().addLast(new Relay(outbound, delayNanos));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Passes what one side reads to the other after the delay; both sides share one event loop, so order holds.
     * Chunks still held when the connection goes (or the proxy closes, which drops the scheduled passes) are
     * released.
     */
    private static final class Relay extends ChannelInboundHandlerAdapter {

        private final Channel peer;
        private final long delayNanos;
        private final Queue<ByteBuf> held = new ArrayDeque<>();

        Relay(Channel peer, long delayNanos) {
            this.peer = peer;
            this.delayNanos = delayNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            held.add((ByteBuf) msg);
            ctx.executor().schedule(this::passOldest, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void passOldest() {
            ByteBuf oldest = held.poll();
            if (oldest == null) {
                return;
            }
            if (peer.isActive()) {
                peer.writeAndFlush(oldest);
            } else {
                ReferenceCountUtil.release(oldest);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                peer.close();
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            for (ByteBuf chunk = held.poll(); chunk != null; chunk = held.poll()) {
                chunk.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
