package io.spdypush.bench;

import io.spdypush.protocol.ProtocolDefaults;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.Tokens;
import io.spdypush.spdy.LeanSpdyFrameCodec;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A lean SPDY/3.1 push client of the bench's own (docs/PROTOCOL.md §2, §3.1): Netty's frame codec with an
 * uncompressed header encoder (no Deflater, as the server does), Netty's session handler for flow control
 * and PINGs, and a minimal packet parser. It does what the bench needs and no more: push stream, cumulative
 * acks with at most one ack stream open, resume with {@code push-last-seq}. push-client's PushClient is the
 * full client; its event loop group per client would dominate a load generator's memory.
 * <p>
 * With {@code BENCH_CLIENT_HEADERS=zlib} in the environment, the clients compress their header blocks as stock
 * SPDY clients do (OkHttp among them): Netty's own zlib encoder, which declares the full 32 KiB window, so the
 * server must keep up to 32 KiB of each client's header stream.
 */
final class SpdyTransport implements Transport {

    private static final int PUSH_STREAM_ID = 1;
    private static final int MAX_HEADER_BYTES = ProtocolDefaults.MAX_HEADER_BYTES;

    /** The clients compress their header blocks with zlib, as stock SPDY clients do. */
    private static final boolean ZLIB_HEADERS = "zlib".equals(System.getenv("BENCH_CLIENT_HEADERS"));

    private final Endpoints endpoints;
    private final long tokenExpiry = System.currentTimeMillis() / 1000 + 24 * 3600;

    SpdyTransport(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "spdy";
    }

    @Override
    public String unicastPath(String clientId) {
        // Memory only, as the alternatives keep their messages: the same work for all three.
        return "/push/api/clients/" + clientId + "/messages?qos=at_most_once";
    }

    @Override
    public Optional<String> storedUnicastPath(String clientId) {
        return Optional.of("/push/api/clients/" + clientId + "/messages");
    }

    @Override
    public Optional<String> batchPath() {
        return Optional.of("/push/api/batch");
    }

    @Override
    public String broadcastPath() {
        // To the sessions online now, sent once: a message to everyone is never stored (the API refuses
        // at_least_once for it), so the reconnect storm resumes stored messages to each client id instead.
        return "/push/api/messages";
    }

    @Override
    public CompletableFuture<Session> open(String clientId, long lastSeq, InetAddress local, Receiver receiver) {
        CompletableFuture<Session> accepted = new CompletableFuture<>();
        String token = Tokens.mint(endpoints.tokenSecret(), clientId, tokenExpiry);
        Handler handler = new Handler(clientId, token, lastSeq, receiver, accepted);
        endpoints.connect(endpoints.spdyPort(), local, accepted, () -> new ChannelHandler[] {frameCodec(),
                new SpdySessionHandler(SpdyVersion.SPDY_3_1, false), handler});
        return accepted;
    }

    private static ChannelHandler frameCodec() {
        return ZLIB_HEADERS ? new SpdyFrameCodec(SpdyVersion.SPDY_3_1)
                : new LeanSpdyFrameCodec(MAX_HEADER_BYTES, false);
    }

    /** The SPDY framing of a bench session: the push stream on stream 1, each ack on a stream of its own. */
    private final class Handler extends ChannelInboundHandlerAdapter {

        private final String clientId;
        private final String token;
        private final long lastSeq;
        private final PushStreamSession session;
        private Channel channel;
        private int nextStreamId = PUSH_STREAM_ID + 2;

        Handler(String clientId, String token, long lastSeq, Receiver receiver, CompletableFuture<Session> accepted) {
            this.clientId = clientId;
            this.token = token;
            this.lastSeq = lastSeq;
            this.session = new PushStreamSession(clientId, receiver, accepted, this::sendAck);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            session.connected(channel);
            SpdySynStreamFrame push = request(PUSH_STREAM_ID, PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH);
            push.headers().set(PushHeaders.PUSH_CLIENT, clientId)
                    .set(PushHeaders.AUTHORIZATION, PushHeaders.bearer(token));
            if (lastSeq >= 0) {
                push.headers().set(PushHeaders.PUSH_LAST_SEQ, SeqValues.format(lastSeq));
            }
            ctx.writeAndFlush(push);
            ctx.fireChannelActive();
        }

        private SpdySynStreamFrame request(int streamId, String method, String path) {
            SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
            frame.setLast(true);
            frame.headers().set(":method", method).set(":path", path).set(":version", "HTTP/1.1")
                    .set(":host", endpoints.host() + ":" + endpoints.spdyPort()).set(":scheme", "http");
            return frame;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof SpdySynReplyFrame reply) {
                    String status = reply.headers().getAsString(":status");
                    if (reply.streamId() == PUSH_STREAM_ID) {
                        session.pushStreamAnswered(status);
                    } else {
                        session.ackAnswered(status, reply.headers().getAsString(PushHeaders.PUSH_ACK));
                    }
                } else if (msg instanceof SpdyDataFrame data && data.streamId() == PUSH_STREAM_ID) {
                    session.packets(ctx.alloc(), data.content());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void sendAck(long seq) {
            SpdySynStreamFrame ack = request(nextStreamId, PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH);
            nextStreamId += 2;
            ack.headers().set(PushHeaders.PUSH_ACK, SeqValues.format(seq));
            channel.writeAndFlush(ack);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            session.closed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
