package io.spdypush.rar.spdy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DefaultSocketChannelConfig;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An {@link EmbeddedChannel} that passes for a client's TCP connection, so that the server's own
 * {@link PushChannelInitializer} builds its pipeline, and tests drive it without a socket or a thread.
 * It is created unregistered: set its allocator, then {@link #register()}.
 */
final class EmbeddedSocketChannel extends EmbeddedChannel implements SocketChannel {

    /** Never connected; the configs' TCP options go to it, harmlessly. */
    private static final Socket UNCONNECTED = new Socket();
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 7070);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50000);

    /** Made on first use, which is in EmbeddedChannel's constructor, before this class's fields are set. */
    private SocketChannelConfig socketConfig;

    EmbeddedSocketChannel(ChannelHandler... handlers) {
        super(false, false, handlers);
    }

    @Override
    public SocketChannelConfig config() {
        if (socketConfig == null) {
            socketConfig = new DefaultSocketChannelConfig(this, UNCONNECTED);
        }
        return socketConfig;
    }

    @Override
    public ServerSocketChannel parent() {
        return null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return LOCAL;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return REMOTE;
    }

    @Override
    public boolean isInputShutdown() {
        return !isActive();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isOutputShutdown() {
        return !isActive();
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isShutdown() {
        return !isActive();
    }

    @Override
    public ChannelFuture shutdown() {
        return close();
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        return close(promise);
    }
}
