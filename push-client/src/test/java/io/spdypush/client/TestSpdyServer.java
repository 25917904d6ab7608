package io.spdypush.client;

import io.spdypush.testing.Packets;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.codec.spdy.SpdyWindowUpdateFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small SPDY/3.1 server peer for the client's tests, on Netty's own server-side session handler: it answers
 * the push stream and acks as docs/PROTOCOL.md says (or refuses them, as a test sets), answers business requests
 * with the {@link Answer} a test sets (a reply and pushed sub-resources, or a reset), records what the client
 * sent, and pushes whatever bytes a test gives it, in DATA frames cut where the test says. A test can also make
 * it hostile: stop answering PINGs, send GOAWAY or cut the connection at any moment, withhold WINDOW_UPDATE, and
 * resend messages the client said it has processed.
 */
public final class TestSpdyServer implements AutoCloseable {

    /** A SYN_STREAM the client sent, and when it arrived ({@link System#nanoTime()}). */
    public record Request(int streamId, boolean fin, Map<String, String> headers, long receivedNanos) {
    }

    /** A business request the client sent (§3.2), recorded once its body is whole. */
    public record BusinessRequest(int streamId, Map<String, String> headers, byte[] body) {
    }

    /** A sub-resource to push, the way §3.2 says unless a test makes it break the rules. */
    public record Pushed(String path, String contentType, byte[] body, int associatedTo, boolean unidirectional) {

        public static Pushed of(String path, String contentType, String body) {
            return new Pushed(path, contentType, body.getBytes(StandardCharsets.UTF_8), 0, true);
        }

        /** The same push, associated to another stream than the request's. */
        public Pushed associatedTo(int streamId) {
            return new Pushed(path, contentType, body, streamId, unidirectional);
        }

        /** The same push without FLAG_UNIDIRECTIONAL. */
        public Pushed bidirectional() {
            return new Pushed(path, contentType, body, associatedTo, false);
        }
    }

    /**
     * How the server answers business requests: a reply with {@code push-subresources} tags and pushed streams,
     * or an RST_STREAM when {@code reset} is set.
     */
    public record Answer(int status, String contentType, byte[] body, List<String> tags, List<Pushed> pushes,
                         SpdyStreamStatus reset) {

        public static Answer reply(int status, String contentType, String body) {
            return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), List.of(), List.of(),
                    null);
        }

        public static Answer reset(SpdyStreamStatus status) {
            return new Answer(0, null, new byte[0], List.of(), List.of(), status);
        }

        public Answer tags(String... tags) {
            return new Answer(status, contentType, body, List.of(tags), pushes, reset);
        }

        public Answer push(Pushed... pushes) {
            return new Answer(status, contentType, body, tags, List.of(pushes), reset);
        }
    }

    public static final String SESSION_ID = "session-1";

    public final BlockingQueue<Request> pushRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<Request> ackRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<BusinessRequest> businessRequests = new LinkedBlockingQueue<>();
    public final BlockingQueue<SpdySessionStatus> goAways = new LinkedBlockingQueue<>();
    public final BlockingQueue<SpdyRstStreamFrame> resets = new LinkedBlockingQueue<>();
    /** The ids of the client's PINGs, answered or not. */
    public final BlockingQueue<Integer> pings = new LinkedBlockingQueue<>();
    /** The ids of the client's answers to {@link #ping}. */
    public final BlockingQueue<Integer> pingAnswers = new LinkedBlockingQueue<>();
    public final CountDownLatch disconnected = new CountDownLatch(1);

    /** The :status for the push stream; anything but 200 comes with FLAG_FIN, a refusal. */
    public volatile int pushStatus = 200;
    public volatile String retryAfter;
    /** The T1 the server recommends in push-heartbeat. */
    public volatile String heartbeatSeconds = "60";
    /** Answer the client's PINGs; when false they are swallowed, as by a connection that died silently. */
    public volatile boolean answerPings = true;
    /** The :status for acks, or 0 to leave them unanswered. */
    public volatile int ackStatus = 200;
    /** The answer to business requests, or null to leave them unanswered. */
    public volatile Answer answer;
    /** Answer a business request at its SYN_STREAM, before its body has arrived. */
    public volatile boolean answerBeforeBody;
    /** Send no WINDOW_UPDATE: a client then sends no more than the initial window of 64 KiB per stream. */
    public volatile boolean withholdWindowUpdates;
    /** Keep the DATA of pushed streams until {@link #releasePushes()}; their SYN_STREAMs still go first. */
    public volatile boolean holdPushData;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private volatile ChannelHandlerContext session;
    private volatile Peer peer;
    private volatile int pushStreamId;
    private final List<SpdyDataFrame> heldPushData = new ArrayList<>();
    /** See {@link #holdMessages}; 0 when the server holds none. */
    private volatile int heldMessages;
    private volatile int overlap;
    private volatile Random random;
    /** The highest held message sent so far, on any session; used on the event loop only. */
    private long highestSent;

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
                        channel.pipeline().addLast(new WindowUpdateGate());
                        channel.pipeline().addLast(new PingGate());
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

    /**
     * Makes the server resume as docs/PROTOCOL.md §2 says: it holds messages 1..count for the client and, on each push
     * stream it accepts, sends every one after {@code push-last-seq}, with REDELIVERY on those sent before, a few
     * per millisecond in DATA frames of random sizes, so that a cut can fall anywhere. Careless, it also sends the
     * {@code overlap} messages up to {@code push-last-seq} again.
     */
    public void holdMessages(int count, int overlap, Random random) {
        this.overlap = overlap;
        this.random = random;
        this.heldMessages = count;
    }

    /** Sends the DATA of pushed streams held back by {@link #holdPushData}. */
    public void releasePushes() {
        Channel client = session.channel();
        client.eventLoop().execute(() -> {
            heldPushData.forEach(client::write);
            heldPushData.clear();
            client.flush();
        });
    }

    /** Answers a business request left unanswered so far, with the current {@link #answer}. */
    public void answer(int streamId) {
        Peer current = peer;
        current.ctx.executor().execute(() -> current.answerBusiness(current.ctx, streamId));
    }

    /** Sends GOAWAY with any status; through the session handler's own context, which would refuse it. */
    public void goAway(SpdySessionStatus status) {
        session.executor().execute(() -> session.writeAndFlush(new DefaultSpdyGoAwayFrame(0, status)));
    }

    /** Sends a PING of the server's (an even id); the answer goes to {@link #pingAnswers}. */
    public void ping(int id) {
        session.executor().execute(() -> session.writeAndFlush(new DefaultSpdyPingFrame(id)));
    }

    /** Cuts the TCP connection without a word: closed under the session handler, which would send GOAWAY. */
    public void dropConnection() {
        session.executor().execute(session::close);
    }

    @Override
    public void close() {
        if (session != null) {
            session.executor().execute(() -> {
                heldPushData.forEach(SpdyDataFrame::release);
                heldPushData.clear();
            });
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Drops the session handler's WINDOW_UPDATEs while {@link #withholdWindowUpdates} is set. */
    private final class WindowUpdateGate extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (withholdWindowUpdates && msg instanceof SpdyWindowUpdateFrame) {
                promise.setSuccess();
            } else {
                ctx.write(msg, promise);
            }
        }
    }

    /**
     * Sees PINGs before the session handler, which answers the client's and swallows the answers to PINGs it did
     * not send itself (those of {@link #ping}): records both, and drops the client's while {@link #answerPings}
     * is off.
     */
    private final class PingGate extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SpdyPingFrame ping) {
                if (ping.id() % 2 == 0) {
                    pingAnswers.add(ping.id());
                    return;
                }
                pings.add(ping.id());
                if (!answerPings) {
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Peer extends ChannelInboundHandlerAdapter {

        /** Business requests whose body is still arriving, by stream id. */
        private final Map<Integer, ByteArrayOutputStream> bodies = new HashMap<>();
        private final Map<Integer, Map<String, String>> openRequests = new HashMap<>();
        private int nextPushId = 2;

        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            session = ctx.pipeline().context("session");
            peer = this;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof SpdySynStreamFrame syn) {
                    Request request = new Request(syn.streamId(), syn.isLast(), headers(syn), System.nanoTime());
                    if ("/push".equals(request.headers().get(":path"))) {
                        answerPush(ctx, request);
                    } else if ("/ack".equals(request.headers().get(":path"))) {
                        answerAck(ctx, request);
                    } else {
                        onBusinessRequest(ctx, request);
                    }
                } else if (msg instanceof SpdyDataFrame data && bodies.containsKey(data.streamId())) {
                    bodies.get(data.streamId()).writeBytes(ByteBufUtil.getBytes(data.content()));
                    if (data.isLast()) {
                        businessRequests.add(new BusinessRequest(data.streamId(),
                                openRequests.remove(data.streamId()), bodies.remove(data.streamId()).toByteArray()));
                        if (!answerBeforeBody) {
                            answerBusiness(ctx, data.streamId());
                        }
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
                reply.headers().set("push-session", SESSION_ID).set("push-heartbeat", heartbeatSeconds);
            } else {
                reply.setLast(true);
                if (retryAfter != null) {
                    reply.headers().set("retry-after", retryAfter);
                }
            }
            pushRequests.add(request);
            ctx.writeAndFlush(reply);
            if (pushStatus == 200 && heldMessages > 0) {
                String lastSeq = request.headers().get("push-last-seq");
                sendHeld(ctx, Math.max(1, (lastSeq == null ? 0 : Long.parseLong(lastSeq)) + 1 - overlap));
            }
        }

        /** Sends the held messages from {@code next} on, a few at a time, until the connection ends. */
        private void sendHeld(ChannelHandlerContext ctx, long next) {
            if (!ctx.channel().isActive() || next > heldMessages) {
                return;
            }
            long last = Math.min(heldMessages, next + random.nextInt(4));
            ByteArrayOutputStream packets = new ByteArrayOutputStream();
            for (long seq = next; seq <= last; seq++) {
                int flags = Packets.ACK_REQUIRED | (seq <= highestSent ? Packets.REDELIVERY : 0);
                packets.writeBytes(Packets.message(seq, flags, "m-" + seq, "text/plain",
                        ("message " + seq).getBytes(StandardCharsets.UTF_8)));
            }
            highestSent = Math.max(highestSent, last);
            byte[] bytes = packets.toByteArray();
            for (int offset = 0; offset < bytes.length; ) {
                int end = Math.min(bytes.length, offset + 1 + random.nextInt(bytes.length));
                ctx.write(new DefaultSpdyDataFrame(pushStreamId, Unpooled.wrappedBuffer(bytes, offset, end - offset)));
                offset = end;
            }
            ctx.flush();
            ctx.executor().schedule(() -> sendHeld(ctx, last + 1), 1, TimeUnit.MILLISECONDS);
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

        private void onBusinessRequest(ChannelHandlerContext ctx, Request request) {
            if (request.fin()) {
                businessRequests.add(new BusinessRequest(request.streamId(), request.headers(), new byte[0]));
            } else {
                bodies.put(request.streamId(), new ByteArrayOutputStream());
                openRequests.put(request.streamId(), request.headers());
            }
            if (request.fin() || answerBeforeBody) {
                answerBusiness(ctx, request.streamId());
            }
        }

        /** Pushes' SYN_STREAMs first, then the reply, then the pushes' DATA: each push outlives the reply. */
        private void answerBusiness(ChannelHandlerContext ctx, int streamId) {
            Answer current = answer;
            if (current == null) {
                return;
            }
            if (current.reset() != null) {
                ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, current.reset()));
                return;
            }
            List<SpdyDataFrame> pushData = new ArrayList<>();
            for (Pushed pushed : current.pushes()) {
                int pushId = nextPushId;
                nextPushId += 2;
                SpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(pushId,
                        pushed.associatedTo() == 0 ? streamId : pushed.associatedTo(), (byte) 0);
                syn.setUnidirectional(pushed.unidirectional());
                syn.headers()
                        .set(":scheme", "http")
                        .set(":host", "127.0.0.1:" + port())
                        .set(":path", pushed.path())
                        .set(":status", "200")
                        .set(":version", "HTTP/1.1")
                        .set("content-type", pushed.contentType())
                        .set("content-length", Integer.toString(pushed.body().length));
                ctx.write(syn);
                SpdyDataFrame data = new DefaultSpdyDataFrame(pushId, Unpooled.wrappedBuffer(pushed.body()));
                data.setLast(true);
                pushData.add(data);
            }
            SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
            reply.headers()
                    .set(":status", Integer.toString(current.status()))
                    .set(":version", "HTTP/1.1")
                    .set("content-type", current.contentType())
                    .set("content-length", Integer.toString(current.body().length));
            if (!current.tags().isEmpty()) {
                reply.headers().set("push-subresources", String.join(", ", current.tags()));
            }
            reply.setLast(current.body().length == 0);
            ctx.write(reply);
            if (current.body().length > 0) {
                SpdyDataFrame body = new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(current.body()));
                body.setLast(true);
                ctx.write(body);
            }
            if (holdPushData) {
                heldPushData.addAll(pushData);
            } else {
                pushData.forEach(ctx::write);
            }
            ctx.flush();
        }

        private Map<String, String> headers(SpdySynStreamFrame syn) {
            Map<String, String> headers = new LinkedHashMap<>();
            syn.headers().names().forEach(name -> headers.put(name.toString(), syn.headers().getAsString(name)));
            return headers;
        }
    }
}
