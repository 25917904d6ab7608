package io.spdypush.bench.attack;

import io.spdypush.protocol.PushHeaders;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An attacking SPDY/3.1 connection: Netty's frame codec (which compresses header blocks, as a browser
 * does), with or without Netty's session handler (flow control of what it sends), and a record of what
 * the server answered: SYN_REPLYs, RST_STREAMs and GOAWAYs in order; the rest is dropped.
 */
final class SpdyPeer implements AutoCloseable {

    /** What the server answered: its kind (SYN_REPLY, RST_STREAM, GOAWAY), stream, status and when. */
    record Answer(String kind, int streamId, String status, String retryAfter, long nanos) {
    }

    private final List<Answer> answers = new ArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final CompletableFuture<Long> closed = new CompletableFuture<>();
    private final long openedNanos = System.nanoTime();
    private final Channel channel;

    private SpdyPeer(Target target, boolean flowControlled) throws InterruptedException {
        channel = new Bootstrap().group(target.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                // A write refused by a server that has closed must not close the channel before what the
                // server sent last (its GOAWAY) has been read.
                .option(ChannelOption.AUTO_CLOSE, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ByteCounter(), new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
                        if (flowControlled) {
                            ch.pipeline().addLast(new SpdySessionHandler(SpdyVersion.SPDY_3_1, false));
                        }
                        ch.pipeline().addLast(new Recorder());
                    }
                })
                .connect(target.host(), target.spdyPort()).sync().channel();
    }

    /** A connection whose frames go out as written, windows or not. */
    static SpdyPeer raw(Target target) throws InterruptedException {
        return new SpdyPeer(target, false);
    }

    /** A connection that keeps to the server's flow-control windows, as a client must to send bodies. */
    static SpdyPeer flowControlled(Target target) throws InterruptedException {
        return new SpdyPeer(target, true);
    }

    /** A SYN_STREAM with the usual request headers. */
    static SpdySynStreamFrame request(int streamId, String method, String path, boolean last) {
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        frame.headers().set(":method", method).set(":path", path).set(":version", "HTTP/1.1")
                .set(":host", "localhost").set(":scheme", "http");
        frame.setLast(last);
        return frame;
    }

    /** Opens the push stream of the client with a valid token; the server's :status, or empty if none came. */
    Optional<String> openPushStream(Target target, String clientId) throws InterruptedException {
        SpdySynStreamFrame push = request(1, PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH, true);
        push.headers().set(PushHeaders.PUSH_CLIENT, clientId).set(PushHeaders.AUTHORIZATION, PushHeaders.bearer(target.token(clientId)));
        send(push);
        return await(answer -> answer.kind().equals("SYN_REPLY") && answer.streamId() == 1, Duration.ofSeconds(10))
                .map(Answer::status);
    }

    void send(SpdyFrame frame) {
        channel.writeAndFlush(frame);
    }

    /**
     * Writes the frames {@code next} makes as fast as the connection takes them, until the server closes it
     * or the deadline; returns how many were written.
     */
    long flood(Supplier<SpdyFrame> next, long deadlineNanos) throws InterruptedException {
        long written = 0;
        while (channel.isActive() && System.nanoTime() < deadlineNanos) {
            if (!channel.isWritable()) {
                channel.flush();
                Thread.sleep(1);
                continue;
            }
            for (int batch = 0; batch < 64; batch++) {
                channel.write(next.get());
                written++;
            }
            channel.flush();
        }
        return written;
    }

    /** The first answer that matches, waiting for it at most {@code wait}. */
    synchronized Optional<Answer> await(Predicate<Answer> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Answer> found = answers.stream().filter(wanted).findFirst();
            long left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0 || closed.isDone()) {
                return found;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    private synchronized void add(Answer answer) {
        answers.add(answer);
        notifyAll();
    }

    /** Bytes written to the socket: frames as they go on the wire, header blocks compressed. */
    long bytesSent() {
        return bytesSent.get();
    }

    boolean awaitClosed(Duration wait) throws InterruptedException {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return closed.isDone();
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** When the connection closed ({@link System#nanoTime()}); only once {@link #awaitClosed} said so. */
    long closedNanos() {
        return closed.join();
    }

    /** Seconds from connecting until the connection closed, or -1 while it is open. */
    double secondsOpen() {
        return closed.isDone() ? (closed.join() - openedNanos) / 1e9 : -1;
    }

    @Override
    public void close() {
        channel.close();
    }

    private final class ByteCounter extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf bytes) {
                bytesSent.addAndGet(bytes.readableBytes());
            }
            ctx.write(msg, promise);
        }
    }

    private final class Recorder extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                long now = System.nanoTime();
                if (msg instanceof SpdySynReplyFrame reply) {
                    add(new Answer("SYN_REPLY", reply.streamId(), reply.headers().getAsString(":status"),
                            reply.headers().getAsString(PushHeaders.RETRY_AFTER), now));
                } else if (msg instanceof SpdyRstStreamFrame reset) {
                    add(new Answer("RST_STREAM", reset.streamId(), reset.status().toString(), null, now));
                } else if (msg instanceof SpdyGoAwayFrame goAway) {
                    add(new Answer("GOAWAY", goAway.lastGoodStreamId(), goAway.status().toString(), null, now));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.complete(System.nanoTime());
            synchronized (SpdyPeer.this) {
                SpdyPeer.this.notifyAll();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
