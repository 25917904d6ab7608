package io.spdypush.bench.attack;

import io.spdypush.protocol.PushHeaders;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spdypush.bench.MicroServer;
import io.spdypush.spdy.LeanSpdyFrameCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The session that does not attack: while an attack runs it PINGs the server every 20 ms and receives a
 * push every 100 ms, sent through the HTTP API one at a time, and times both. It keeps one connection for
 * the whole suite, on an event loop of its own, so that what the attackers do in this process does not
 * delay its reading.
 */
final class Bystander implements AutoCloseable {

    static final String CLIENT_ID = "bystander";
    private static final long PING_EVERY_MILLIS = 20;
    private static final long PUSH_EVERY_MILLIS = 100;
    private static final Duration PUSH_WAIT = Duration.ofSeconds(5);
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    /**
     * What the bystander saw during one attack.
     *
     * @param online whether its session was still up at the end
     */
    record Figures(long pingsSent, long pingsAnswered, Histogram pingMicros, long pushesSent, long pushesReceived,
                   Histogram pushMicros, boolean online) {
    }

    private final MicroServer server;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("bystander", true), NioIoHandler.newFactory());
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
            new DefaultThreadFactory("bystander-timer", true));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Recorder pingRtts = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder pushLatencies = new Recorder(HIGHEST_MICROS, 3);
    private final Map<Integer, Long> pingsInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger nextPingId = new AtomicInteger(1);
    private final AtomicLong pingsSent = new AtomicLong();
    private final AtomicLong pingsAnswered = new AtomicLong();
    private final AtomicLong pushesSent = new AtomicLong();
    private final AtomicLong pushesReceived = new AtomicLong();
    private final CompletableFuture<String> pushStreamStatus = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Object pushing = new Object();
    private volatile CompletableFuture<Long> nextArrival = new CompletableFuture<>();
    private volatile boolean timing;
    private final Channel channel;

    private Bystander(Target target, MicroServer server) throws InterruptedException {
        this.server = server;
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LeanSpdyFrameCodec(Target.MAX_HEADER_BYTES, false),
                                new SpdySessionHandler(SpdyVersion.SPDY_3_1, false), new Handler());
                    }
                })
                .connect(target.host(), target.spdyPort()).sync().channel();
    }

    /** Connects and opens the push stream; fails if the server does not accept it. */
    static Bystander connect(Target target, MicroServer server) throws Exception {
        Bystander bystander = new Bystander(target, server);
        SpdySynStreamFrame push = SpdyPeer.request(1, PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH, true);
        push.headers().set(PushHeaders.PUSH_CLIENT, CLIENT_ID).set(PushHeaders.AUTHORIZATION, PushHeaders.bearer(target.token(CLIENT_ID)));
        bystander.channel.writeAndFlush(push);
        String status = bystander.pushStreamStatus.get(30, TimeUnit.SECONDS);
        if (!status.startsWith("200")) {
            bystander.close();
            throw new IllegalStateException("the server refused the bystander's push stream: " + status);
        }
        bystander.timer.scheduleAtFixedRate(bystander::ping, 0, PING_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        bystander.timer.scheduleWithFixedDelay(bystander::push, 0, PUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return bystander;
    }

    /** Starts timing afresh. */
    void start() {
        pingRtts.getIntervalHistogram();
        pushLatencies.getIntervalHistogram();
        pingsInFlight.clear();
        pingsSent.set(0);
        pingsAnswered.set(0);
        pushesSent.set(0);
        pushesReceived.set(0);
        timing = true;
    }

    /** Stops timing, gives the PINGs and the push in flight a few seconds to come back, and returns the figures. */
    Figures stop() throws InterruptedException {
        timing = false;
        synchronized (pushing) {
            // Waits for the push in flight: push() holds the lock while it waits for its arrival.
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!pingsInFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Figures(pingsSent.get(), pingsAnswered.get(), pingRtts.getIntervalHistogram(), pushesSent.get(),
                pushesReceived.get(), pushLatencies.getIntervalHistogram(), isOnline());
    }

    boolean isOnline() {
        return pushStreamStatus.isDone() && !closed.isDone();
    }

    private void ping() {
        if (!timing || !isOnline()) {
            return;
        }
        int id = nextPingId.getAndAdd(2);
        pingsInFlight.put(id, System.nanoTime());
        pingsSent.incrementAndGet();
        channel.writeAndFlush(new DefaultSpdyPingFrame(id));
    }

    /** One push through the HTTP API, timed from the call until its DATA reaches the push stream. */
    private void push() {
        synchronized (pushing) {
            if (!timing || !isOnline()) {
                return;
            }
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            nextArrival = arrival;
            long start = System.nanoTime();
            pushesSent.incrementAndGet();
            try {
                HttpResponse<Void> response = http.send(server.request("/push/api/clients/" + CLIENT_ID
                                + "/messages?qos=at_most_once").header("Content-Type", "text/plain")
                                .timeout(PUSH_WAIT)
                                .POST(HttpRequest.BodyPublishers.ofString("bystander " + start, StandardCharsets.UTF_8))
                                .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 202) {
                    long arrived = arrival.get(PUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    pushLatencies.recordValue(Math.min(HIGHEST_MICROS, (arrived - start) / 1000));
                    pushesReceived.incrementAndGet();
                }
            } catch (IOException | ExecutionException | TimeoutException e) {
                // Counted as sent and not received.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        timing = false;
        timer.shutdownNow();
        channel.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof SpdyPingFrame ping) {
                    Long sent = pingsInFlight.remove(ping.id());
                    if (sent != null) {
                        pingRtts.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1000));
                        pingsAnswered.incrementAndGet();
                    }
                } else if (msg instanceof SpdyDataFrame data && data.streamId() == 1) {
                    nextArrival.complete(System.nanoTime());
                } else if (msg instanceof SpdySynReplyFrame reply && reply.streamId() == 1) {
                    pushStreamStatus.complete(String.valueOf(reply.headers().getAsString(":status")));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.complete(null);
            pushStreamStatus.complete("connection closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
