package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SSE alternative's client: one HTTP/1.1 GET whose chunked body is read as events ({@code id:} the seq,
 * {@code data:} the payload); acks go up as separate HTTP POSTs, on a few pooled connections.
 */
final class SseTransport implements Transport {

    /** Ack POSTs in flight at once, which is also how many extra connections they take. */
    private static final int ACK_SENDERS = 8;

    private final Endpoints endpoints;
    private final ExecutorService ackSenders = Executors.newFixedThreadPool(ACK_SENDERS, runnable -> {
        Thread thread = new Thread(runnable, "sse-acks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SseTransport(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "sse";
    }

    @Override
    public String unicastPath(String clientId) {
        return "/bench/api/sse/clients/" + clientId + "/messages";
    }

    @Override
    public String broadcastPath() {
        return "/bench/api/sse/messages";
    }

    @Override
    public CompletableFuture<Session> open(String clientId, long lastSeq, InetAddress local, Receiver receiver) {
        CompletableFuture<Session> accepted = new CompletableFuture<>();
        Handler handler = new Handler(clientId, receiver, accepted);
        endpoints.connect(endpoints.httpPort(), local, accepted, () -> new ChannelHandler[] {new HttpClientCodec(), handler});
        return accepted;
    }

    private final class Handler extends ChannelInboundHandlerAdapter implements Session {

        private final String clientId;
        private final Receiver receiver;
        private final CompletableFuture<Session> accepted;
        private final StringBuilder line = new StringBuilder();
        private Channel channel;
        private long eventSeq = -1;
        private long eventSent;
        private long ackWanted = -1;
        private boolean ackInFlight;

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
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    "/bench/api/sse/" + clientId);
            get.headers().set(HttpHeaderNames.HOST, endpoints.host() + ":" + endpoints.httpPort())
                    .set(HttpHeaderNames.ACCEPT, "text/event-stream");
            ctx.writeAndFlush(get);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse response) {
                    if (response.status().code() != 200) {
                        accepted.completeExceptionally(new IllegalStateException("SSE stream of " + clientId
                                + " refused: " + response.status()));
                        ctx.close();
                    }
                }
                if (msg instanceof HttpContent content) {
                    onBytes(content.content());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onBytes(ByteBuf bytes) {
            while (bytes.isReadable()) {
                char c = (char) bytes.readByte();
                if (c == '\n') {
                    onLine(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void onLine(String text) {
            if (text.isEmpty()) {
                if (eventSeq >= 0) {
                    receiver.onMessage(this, eventSeq, false, eventSent);
                }
                eventSeq = -1;
            } else if (text.startsWith(":")) {
                // The server's opening comment: the stream is open.
                accepted.complete(this);
            } else if (text.startsWith("id:")) {
                eventSeq = Long.parseLong(text.substring(3).trim());
            } else if (text.startsWith("data:")) {
                eventSent = Payloads.sentNanos(text, text.startsWith("data: ") ? 6 : 5);
            }
        }

        /**
         * Cumulative, with at most one POST in flight per client, as our client acknowledges on its ack
         * stream: a client that posted once per message would queue more acks than messages it can take.
         */
        @Override
        public void ack(long seq) {
            synchronized (this) {
                ackWanted = Math.max(ackWanted, seq);
                if (ackInFlight) {
                    return;
                }
                ackInFlight = true;
            }
            ackSenders.execute(this::postAcks);
        }

        private void postAcks() {
            long seq;
            synchronized (this) {
                seq = ackWanted;
            }
            URI uri = URI.create("http://" + endpoints.host() + ":" + endpoints.httpPort() + "/bench/api/sse/"
                    + clientId + "/acks?seq=" + seq);
            try {
                java.net.http.HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    receiver.onAcked(this, seq);
                }
            } catch (Exception e) {
                // A lost ack shows as a missing acknowledgement in the figures.
            }
            synchronized (this) {
                if (ackWanted <= seq) {
                    ackInFlight = false;
                    return;
                }
            }
            ackSenders.execute(this::postAcks);
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
            channel.close();
        }

        @Override
        public void close() {
            channel.close();
        }
    }

}
