package io.spdypush.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The WebSocket alternative's client: text frames {@code "<seq> <payload>"}, acks {@code "ack <seq>"}. */
final class WebSocketTransport implements Transport {

    private final Endpoints endpoints;

    WebSocketTransport(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "ws";
    }

    @Override
    public String unicastPath(String clientId) {
        return "/bench/api/ws/clients/" + clientId + "/messages";
    }

    @Override
    public String broadcastPath() {
        return "/bench/api/ws/messages";
    }

    @Override
    public CompletableFuture<Session> open(String clientId, long lastSeq, InetAddress local, Receiver receiver) {
        CompletableFuture<Session> accepted = new CompletableFuture<>();
        URI uri = URI.create("ws://" + endpoints.host() + ":" + endpoints.httpPort() + "/bench/ws/" + clientId);
        Handler handler = new Handler(clientId, receiver, accepted);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).handshakeTimeoutMillis(30_000).build();
        endpoints.connect(endpoints.httpPort(), local, accepted, () -> new ChannelHandler[] {new HttpClientCodec(), new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(config), handler});
        return accepted;
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> implements Session {

        private final String clientId;
        private final Receiver receiver;
        private final CompletableFuture<Session> accepted;
        private Channel channel;

        Handler(String clientId, Receiver receiver, CompletableFuture<Session> accepted) {
            this.clientId = clientId;
            this.receiver = receiver;
            this.accepted = accepted;
        }

        @Override
        public String clientId() {
            return clientId;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                accepted.complete(this);
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) {
                return;
            }
            String body = text.text();
            if (body.startsWith("acked ")) {
                receiver.onAcked(this, Long.parseLong(body.substring(6).trim()));
                return;
            }
            int space = body.indexOf(' ');
            long seq = Long.parseLong(body.substring(0, space));
            receiver.onMessage(this, seq, false, Payloads.sentNanos(body, space + 1));
        }

        @Override
        public void ack(long seq) {
            channel.writeAndFlush(new TextWebSocketFrame("ack " + seq));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            accepted.completeExceptionally(new IllegalStateException("connection of " + clientId + " closed"));
            receiver.onClosed(this);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            accepted.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void drop() {
            channel.pipeline().firstContext().close();
        }

        @Override
        public void close() {
            drop();
        }
    }
}
