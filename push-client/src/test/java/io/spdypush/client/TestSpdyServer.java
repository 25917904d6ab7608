package io.spdypush.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small SPDY/3.1 server peer for the client's tests, on Netty's own server-side session handler: it answers
 * the push stream and acks as PROTOCOL.md says (or refuses them, as a test sets), records what the client sent,
 * and pushes whatever bytes a test gives it, in DATA frames cut where the test says.
 */
public final class TestSpdyServer implements AutoCloseable {

    /** A SYN_STREAM the client sent. */
    public record Request(int streamId, boolean fin, Map<String, String> headers) {
    }

    public static final String SESSION_ID = "session-1";
    public static final String HEARTBEAT_SECONDS = "60";

    public final BlockingQueue<Request> pushRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<Request> ackRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<SpdySessionStatus> goAways = new LinkedBlockingQueue<>();
    public final BlockingQueue<SpdyRstStreamFrame> resets = new LinkedBlockingQueue<>();
    public final CountDownLatch disconnected = new CountDownLatch(1);

    /** The :status for the push stream; anything but 200 comes with FLAG_FIN, a refusal. */
    public volatile int pushStatus = 200;
    public volatile String retryAfter;
    /** The :status for acks, or 0 to leave them unanswered. */
    public volatile int ackStatus = 200;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private volatile ChannelHandlerContext session;
    private volatile int pushStreamId;

    public TestSpdyServer() throws InterruptedException {
        this(null);
    }

    public TestSpdyServer(SslContext tls) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
                        channel.pipeline().addLast("session", new SpdySessionHandler(SpdyVersion.SPDY_3_1, true));
                        channel.pipeline().addLast(new Peer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Sends bytes on the push stream as DATA frames of the given sizes, cycling through them. */
    public void push(byte[] bytes, int... chunkSizes) {
        Channel client = session.channel();
        client.eventLoop().execute(() -> {
            int offset = 0;
            for (int i = 0; offset < bytes.length; i++) {
                int end = Math.min(bytes.length, offset + chunkSizes[i % chunkSizes.length]);
                client.write(new DefaultSpdyDataFrame(pushStreamId,
                        Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, offset, end))));
                offset = end;
            }
            client.flush();
        });
    }

    /** Sends GOAWAY with any status; through the session handler's own context, which would refuse it. */
    public void goAway(SpdySessionStatus status) {
        session.executor().execute(() -> session.writeAndFlush(new DefaultSpdyGoAwayFrame(0, status)));
    }

    /** Cuts the TCP connection without a word: closed under the session handler, which would send GOAWAY. */
    public void dropConnection() {
        session.executor().execute(session::close);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private final class Peer extends ChannelInboundHandlerAdapter {

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            session = ctx.pipeline().context("session");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof SpdySynStreamFrame syn) {
                    Request request = new Request(syn.streamId(), syn.isLast(), headers(syn));
                    if ("/push".equals(request.headers().get(":path"))) {
                        answerPush(ctx, request);
                    } else if ("/ack".equals(request.headers().get(":path"))) {
                        answerAck(ctx, request);
                    }
                } else if (msg instanceof SpdyGoAwayFrame goAway) {
                    goAways.add(goAway.status());
                } else if (msg instanceof SpdyRstStreamFrame reset) {
                    resets.add(reset);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected.countDown();
        }

        private void answerPush(ChannelHandlerContext ctx, Request request) {
            pushStreamId = request.streamId();
            SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(request.streamId());
            reply.headers().set(":status", Integer.toString(pushStatus)).set(":version", "HTTP/1.1");
            if (pushStatus == 200) {
                reply.headers().set("push-session", SESSION_ID).set("push-heartbeat", HEARTBEAT_SECONDS);
            } else {
                reply.setLast(true);
                if (retryAfter != null) {
                    reply.headers().set("retry-after", retryAfter);
                }
            }
            pushRequests.add(request);
            ctx.writeAndFlush(reply);
        }

        private void answerAck(ChannelHandlerContext ctx, Request request) {
            ackRequests.add(request);
            if (ackStatus == 0) {
                return;
            }
            SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(request.streamId());
            reply.setLast(true);
            reply.headers().set(":status", Integer.toString(ackStatus)).set(":version", "HTTP/1.1");
            if (ackStatus == 200) {
                reply.headers().set("push-ack", request.headers().get("push-ack"));
            }
            ctx.writeAndFlush(reply);
        }

        private Map<String, String> headers(SpdySynStreamFrame syn) {
            Map<String, String> headers = new LinkedHashMap<>();
            syn.headers().names().forEach(name -> headers.put(name.toString(), syn.headers().getAsString(name)));
            return headers;
        }
    }
}
