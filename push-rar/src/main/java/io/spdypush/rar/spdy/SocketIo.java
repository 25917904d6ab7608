package io.spdypush.rar.spdy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * How the listener's sockets are driven: Linux's epoll through Netty's native transport where its library loads,
 * the JDK's NIO selector elsewhere (another system, another CPU, or {@code -Dio.netty.transport.noNative=true}).
 * Epoll needs less CPU and heap per connection (no selector key, no JDK channel object and its locks per socket),
 * which is what a server holding tens of thousands of mostly idle sessions spends on them.
 */
record SocketIo(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel) {

    static SocketIo best() {
        if (Epoll.isAvailable()) {
            return new SocketIo("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new SocketIo("NIO (epoll unavailable: " + Epoll.unavailabilityCause() + ")",
                NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
