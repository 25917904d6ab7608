package io.spdypush.bench;

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

    /** The HTTP/2 framing of a bench session: the push stream and each ack a stream of the connection. */
    private final class Handler extends Http2ChannelDuplexHandler {

        private final String clientId;
        private final String token;
        private final long lastSeq;
        private final PushStreamSession session;
        private Channel channel;
        private Http2FrameStream pushStream;

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
                    if (headers.stream() == pushStream) {
                        session.pushStreamAnswered(headers.headers().status());
                    } else {
                        session.ackAnswered(headers.headers().status(), headers.headers().get(PushHeaders.PUSH_ACK));
                    }
                } else if (msg instanceof Http2DataFrame data && data.stream() == pushStream) {
                    session.packets(ctx.alloc(), data.content());
                    // Consumed at once, as the SPDY client's session handler does: the push stream's window stays
                    // open. The updates of one read leave together, at its end.
                    ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(pushStream));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        private void sendAck(long seq) {
            Http2Headers ack = request(PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH)
                    .set(PushHeaders.PUSH_ACK, SeqValues.format(seq));
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(ack, true).stream(newStream()));
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
