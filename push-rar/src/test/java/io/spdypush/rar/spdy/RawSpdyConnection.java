package io.spdypush.rar.spdy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SPDY peer with the frame codec only, no session logic: the test writes exactly the frames
 * it wants and sees every frame the server sends, in order.
 */
final class RawSpdyConnection implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<SpdyFrame> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Channel channel;

    RawSpdyConnection(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1),
                                new SimpleChannelInboundHandler<SpdyFrame>(false) {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, SpdyFrame frame) {
                                        frames.add(frame);
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        closed.countDown();
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    /** A SYN_STREAM with the usual request headers and the given extra header pairs. */
    static SpdySynStreamFrame synStream(int streamId, String method, String path, boolean last, String... headers) {
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        frame.headers().set(":method", method).set(":path", path).set(":version", "HTTP/1.1")
                .set(":host", "localhost").set(":scheme", "http");
        for (int i = 0; i < headers.length; i += 2) {
            frame.headers().set(headers[i], headers[i + 1]);
        }
        frame.setLast(last);
        return frame;
    }

    void send(SpdyFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /** Writes bytes as they are, beneath the frame codec. */
    void sendBytes(byte[] bytes) {
        channel.pipeline().firstContext().writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    /** The next frame of the given type, skipping (and releasing) frames of other types. */
    <T extends SpdyFrame> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SpdyFrame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
            }
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            ReferenceCountUtil.release(frame);
        }
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        frames.forEach(ReferenceCountUtil::release);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
