package io.spdypush.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs to the server's HTTP port over a few kept-alive HTTP/1.1 connections, each carrying one call at a time,
 * on the bench's own event loops; a call that finds every connection busy waits for one, as with any client's
 * pool. What the HTTP senders measure is then the server's cost per call: java.net.http's client, which they
 * used before, took more CPU per call than the server did (one core for 600 calls a second here), on the
 * same two cores, so its rows were the client's.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response's status and body. */
    record Answer(int status, String body) {
    }

    private static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final EventLoopGroup group;
    private final String host;
    private final int port;
    private final String authorization;
    private final int maxConnections;
    /** Guarded by {@code this}, as are the two queues. */
    private int connections;
    private boolean closed;
    private final Queue<Connection> idle = new ArrayDeque<>();
    private final Queue<Call> waiting = new ArrayDeque<>();

    /**
     * @param authorization the value of each call's {@code Authorization} header
     * @param maxConnections connections opened at most, as calls need them
     */
    KeepAliveHttp(EventLoopGroup group, String host, int port, String authorization, int maxConnections) {
        this.group = group;
        this.host = host;
        this.port = port;
        this.authorization = authorization;
        this.maxConnections = maxConnections;
    }

    /** POSTs {@code body} to {@code path}; completes with the answer, or exceptionally when the connection fails. */
    CompletableFuture<Answer> post(String path, String contentType, byte[] body) {
        Call call = new Call(path, contentType, body, new CompletableFuture<>());
        Connection free;
        synchronized (this) {
            if (closed) {
                call.answer.completeExceptionally(new IOException("closed"));
                return call.answer;
            }
            free = idle.poll();
            if (free == null) {
                waiting.add(call);
                if (connections < maxConnections) {
                    connections++;
                    open();
                }
                return call.answer;
            }
        }
        free.send(call);
        return call.answer;
    }

    @Override
    public void close() {
        Queue<Call> left;
        synchronized (this) {
            closed = true;
            idle.forEach(connection -> connection.channel.close());
            idle.clear();
            left = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        left.forEach(call -> call.answer.completeExceptionally(new IOException("closed")));
    }

    private void open() {
        Connection connection = new Connection();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                connection);
                    }
                })
                .connect(host, port).addListener(connect -> {
                    if (connect.isSuccess()) {
                        ready(connection);
                    } else {
                        lost(connect.cause());
                    }
                });
    }

    /** A connection is free: it takes the next waiting call, or waits for one. */
    private void ready(Connection connection) {
        Call next;
        synchronized (this) {
            next = closed ? null : waiting.poll();
            if (next == null) {
                if (closed) {
                    connection.channel.close();
                } else {
                    idle.add(connection);
                }
                return;
            }
        }
        connection.send(next);
    }

    /**
     * A connection could not be made (the oldest waiting call fails with it, so that calls to a server that is gone
     * end) or was closed; another opens while calls wait.
     */
    private void lost(Throwable connectFailure) {
        Call failed = null;
        synchronized (this) {
            connections--;
            if (connectFailure != null) {
                failed = waiting.poll();
            }
            if (!closed && !waiting.isEmpty() && connections < maxConnections) {
                connections++;
                open();
            }
        }
        if (failed != null) {
            failed.answer.completeExceptionally(connectFailure);
        }
    }

    private record Call(String path, String contentType, byte[] body, CompletableFuture<Answer> answer) {
    }

    /** One connection, one call at a time; touched on its event loop, but for {@link #send}. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {

        private Channel channel;
        private volatile Call current;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void send(Call call) {
            current = call;
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, call.path,
                    Unpooled.wrappedBuffer(call.body));
            request.headers().set(HttpHeaderNames.HOST, host + ':' + port)
                    .set(HttpHeaderNames.AUTHORIZATION, authorization)
                    .set(HttpHeaderNames.CONTENT_TYPE, call.contentType);
            HttpUtil.setContentLength(request, call.body.length);
            // A connection the server closed while it was idle fails here, as no response will come on it.
            channel.writeAndFlush(request).addListener(write -> {
                if (!write.isSuccess()) {
                    call.answer.completeExceptionally(write.cause());
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Call call = current;
            current = null;
            boolean keepAlive = HttpUtil.isKeepAlive(response);
            Answer answer = new Answer(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
            if (keepAlive) {
                ready(this);
            } else {
                ctx.close();
            }
            if (call != null) {
                call.answer.complete(answer);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Call call = current;
            current = null;
            synchronized (KeepAliveHttp.this) {
                idle.remove(this);
            }
            if (call != null) {
                call.answer.completeExceptionally(new ClosedChannelException());
            }
            lost(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
