package io.spdypush.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's HTTP client against a real HTTP server on loopback, which echoes each request's path and body. */
class KeepAliveHttpTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Set<Channel> serverConnections = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void manyCallsShareAFewKeptAliveConnectionsAndEachGetsItsOwnAnswer() throws Exception {
        int port = echoServer(false);
        try (KeepAliveHttp http = new KeepAliveHttp(group, "127.0.0.1", port, "Basic x", 4)) {
            List<CompletableFuture<KeepAliveHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(http.post("/call/" + i, "text/plain", ("body " + i).getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < 200; i++) {
                KeepAliveHttp.Answer answer = answers.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(202, answer.status());
                assertEquals("/call/" + i + " Basic x body " + i, answer.body());
            }
        }
        assertTrue(serverConnections.size() <= 4, serverConnections.size() + " connections for 4 at most");
    }

    @Test
    void aServerThatClosesEachConnectionAfterItsAnswerStillGetsEveryCall() throws Exception {
        int port = echoServer(true);
        try (KeepAliveHttp http = new KeepAliveHttp(group, "127.0.0.1", port, "Basic x", 2)) {
            List<CompletableFuture<KeepAliveHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(http.post("/call/" + i, "text/plain", new byte[0]));
            }
            for (CompletableFuture<KeepAliveHttp.Answer> answer : answers) {
                assertEquals(202, answer.get(10, TimeUnit.SECONDS).status());
            }
        }
        // Each call on a connection of its own; a spare one may open when two close while the last call waits.
        assertTrue(serverConnections.size() >= 20, serverConnections.size() + " connections for 20 calls");
    }

    @Test
    void callsToAPortNobodyListensOnFail() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (KeepAliveHttp http = new KeepAliveHttp(group, "127.0.0.1", port, "Basic x", 2)) {
            CompletableFuture<KeepAliveHttp.Answer> answer = http.post("/", "text/plain", new byte[0]);
            assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
        }
    }

    /** A server answering 202 with "{path} {authorization} {body}", closing after each answer when told to. */
    private int echoServer(boolean closeAfterEachAnswer) {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        serverConnections.add(channel);
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        String echo = request.uri() + ' '
                                                + request.headers().get(HttpHeaderNames.AUTHORIZATION) + ' '
                                                + request.content().toString(StandardCharsets.UTF_8);
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.ACCEPTED,
                                                Unpooled.copiedBuffer(echo, StandardCharsets.UTF_8));
                                        HttpUtil.setContentLength(response, response.content().readableBytes());
                                        if (closeAfterEachAnswer) {
                                            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                                            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                        } else {
                                            ctx.writeAndFlush(response);
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
