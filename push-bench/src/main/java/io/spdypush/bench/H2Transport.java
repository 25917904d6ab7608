package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import io.spdypush.protocol.Tokens;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A lean HTTP/2 push client of the bench's own (docs/PROTOCOL.md §10), beside {@link SpdyTransport}: Netty's HTTP/2
 * frame codec with prior knowledge on the same port, the push stream's DATA read by the same packet scanner, one
 * cumulative ack stream at a time on the same connection, resume with {@code push-last-seq}. Server push is off:
 * the bench asks for no bundle.
 */
final class H2Transport implements Transport {

    private final Endpoints endpoints;
    private final long tokenExpiry = System.currentTimeMillis() / 1000 + 24 * 3600;

    H2Transport(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String unicastPath(String clientId) {
        return "/push/api/clients/" + clientId + "/messages?qos=at_most_once";
    }

    @Override
    public Optional<String> storedUnicastPath(String clientId) {
        return Optional.of("/push/api/clients/" + clientId + "/messages");
    }

    @Override
    public String broadcastPath() {
        return "/push/api/messages";
    }

    @Override
    public CompletableFuture<Session> open(String clientId, long lastSeq, InetAddress local, Receiver receiver) {
        CompletableFuture<Session> accepted = new CompletableFuture<>();
        String token = Tokens.mint(endpoints.tokenSecret(), clientId, tokenExpiry);
        Handler handler = new Handler(clientId, token, lastSeq, receiver, accepted);
        endpoints.connect(endpoints.spdyPort(), local, accepted, () -> new ChannelHandler[] {
                Http2FrameCodecBuilder.forClient().initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                        .build(), handler});
        return accepted;
    }

    private final class Handler extends Http2ChannelDuplexHandler implements Session {

        private final String clientId;
        private final String token;
        private final long lastSeq;
        private final Receiver receiver;
        private final CompletableFuture<Session> accepted;
        private final PacketScanner packets = new PacketScanner();
        private final CumulativeAcks acks = new CumulativeAcks(this::sendAck);
        private Channel channel;
        private Http2FrameStream pushStream;

        Handler(String clientId, String token, long lastSeq, Receiver receiver, CompletableFuture<Session> accepted) {
            this.clientId = clientId;
            this.token = token;
            this.lastSeq = lastSeq;
            this.receiver = receiver;
            this.accepted = accepted;
        }

        @Override
        public String clientId() {
            return clientId;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            pushStream = newStream();
            Http2Headers push = request(PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH)
                    .set(PushHeaders.PUSH_CLIENT, clientId)
                    .set(PushHeaders.AUTHORIZATION, PushHeaders.bearer(token));
            if (lastSeq >= 0) {
                push.set(PushHeaders.PUSH_LAST_SEQ, SeqValues.format(lastSeq));
            }
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(push, true).stream(pushStream));
            ctx.fireChannelActive();
        }

        private Http2Headers request(String method, String path) {
            return new DefaultHttp2Headers().method(method).path(path).scheme("http")
                    .authority(endpoints.host() + ":" + endpoints.spdyPort());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    onHeaders(headers);
                } else if (msg instanceof Http2DataFrame data && data.stream() == pushStream) {
                    onData(ctx, data);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onHeaders(Http2HeadersFrame frame) {
            CharSequence status = frame.headers().status();
            boolean ok = status != null && status.toString().equals("200");
            if (frame.stream() == pushStream) {
                if (ok) {
                    accepted.complete(this);
                } else {
                    accepted.completeExceptionally(new IllegalStateException("push stream of " + clientId
                            + " refused: " + status));
                    channel.close();
                }
                return;
            }
            CharSequence acked = frame.headers().get(PushHeaders.PUSH_ACK);
            if (acked != null && ok) {
                receiver.onAcked(this, SeqValues.parse(PushHeaders.PUSH_ACK, acked.toString()));
            }
            acks.answered();
        }

        private void onData(ChannelHandlerContext ctx, Http2DataFrame data) {
            ByteBuf content = data.content();
            packets.scan(ctx.alloc(), content, (seq, redelivery, bytes, payloadFrom, payloadTo) ->
                    receiver.onMessage(this, seq, redelivery, Payloads.sentNanos(bytes, payloadFrom, payloadTo)));
            // Consumed at once, as the SPDY client's session handler does: the push stream's window stays open. The
            // updates of one read leave together, at its end.
            ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(pushStream));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void ack(long seq) {
            if (channel.eventLoop().inEventLoop()) {
                acks.ack(seq, channel.isActive());
            } else {
                channel.eventLoop().execute(() -> acks.ack(seq, channel.isActive()));
            }
        }

        private void sendAck(long seq) {
            Http2Headers ack = request(PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH)
                    .set(PushHeaders.PUSH_ACK, SeqValues.format(seq));
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(ack, true).stream(newStream()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            packets.release();
            accepted.completeExceptionally(new IllegalStateException("connection of " + clientId + " closed"));
            receiver.onClosed(this);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void drop() {
            // Below the codec, which would send GOAWAY; a connection already gone has no handlers left.
            ChannelHandlerContext first = channel.pipeline().firstContext();
            if (first != null) {
                first.close();
            }
        }

        @Override
        public void close() {
            drop();
        }
    }
}
