package io.spdypush.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.util.ReferenceCountUtil;
import io.spdypush.protocol.PushHeaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's streams in HTTP/1.1 (docs/PROTOCOL.md §10), above Netty's codec on the push stream's connection: the
 * push stream is the connection's one request, its response body the packets, and its end the session's. Every
 * acknowledgement and business request goes on a connection of its own ({@link Http1Exchange}), bound to the session
 * by the push response's {@code push-session} and the push request's {@code authorization}. Stream ids are the
 * session's own: 1 for the push stream, then odd numbers, as on SPDY. Used on the connection's event loop only; the
 * other connections share it.
 */
final class Http1Framing extends ChannelInboundHandlerAdapter implements SessionFraming {

    private static final int PUSH_STREAM_ID = 1;

    private final ClientSettings settings;
    private final StreamEvents events;
    /** The connections of the requests still open, by stream id. */
    private final Map<Integer, Channel> exchanges = new HashMap<>();
    private ChannelHandlerContext ctx;
    private int nextStreamId = PUSH_STREAM_ID + 2;
    /** The push request's {@code authorization}, or null. */
    private String authorization;
    /** The push response's {@code push-session}, or null before it. */
    private String sessionId;
    private boolean closing;

    Http1Framing(ClientSettings settings, StreamEvents events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                onUnreadable(object.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse response) {
                sessionId = response.headers().get(PushHeaders.PUSH_SESSION);
                events.onHeaders(PUSH_STREAM_ID, Reply.of(response), false);
            }
            if (msg instanceof HttpContent content) {
                events.onData(PUSH_STREAM_ID, content.content(), content instanceof LastHttpContent);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeExchanges();
        ctx.fireChannelInactive();
    }

    @Override
    public OpenedStream openPushStream(Request request) {
        authorization = request.headers().get(PushHeaders.AUTHORIZATION);
        return new OpenedStream(PUSH_STREAM_ID, ctx.writeAndFlush(httpRequest(request, List.of())));
    }

    /** Connects, sends the request with the session's binding, and hands the response to the session. */
    @Override
    public OpenedStream open(Request request, Collection<String> have) {
        int streamId = nextStreamId;
        nextStreamId += 2;
        FullHttpRequest http = httpRequest(request, have);
        http.headers().set(PushHeaders.PUSH_SESSION, sessionId);
        if (authorization != null) {
            http.headers().set(PushHeaders.AUTHORIZATION, authorization);
        }
        // One request per connection: the server closes it once it has answered.
        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ChannelPromise sent = ctx.newPromise();
        Http1Exchange exchange = new Http1Exchange(streamId, request.toString(), http, sent, settings, events);
        ChannelFuture connecting = ClientInitializer.bootstrap(ctx.channel().eventLoop())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (settings.tls()) {
                            channel.pipeline().addLast(ClientInitializer.TLS, ClientInitializer.tls(channel, settings));
                        }
                        channel.pipeline().addLast(ClientTransports.HTTP1_CODEC, ClientTransports.http1Codec());
                        channel.pipeline().addLast(exchange);
                    }
                })
                .connect(settings.host(), settings.port());
        connecting.addListener(connect -> {
            if (!connect.isSuccess()) {
                sent.tryFailure(new IOException("cannot connect to " + settings.authority() + ": "
                        + connect.cause().getMessage(), connect.cause()));
            }
        });
        exchanges.put(streamId, connecting.channel());
        connecting.channel().closeFuture().addListener(closed -> {
            exchanges.remove(streamId);
            if (closing && exchanges.isEmpty()) {
                ctx.close();
            }
        });
        return new OpenedStream(streamId, sent);
    }

    /** A request's stream ends with its connection; the push stream's with the session's, which follows. */
    @Override
    public void reset(int streamId, SpdyStreamStatus status) {
        Channel exchange = exchanges.get(streamId);
        if (exchange != null) {
            exchange.close();
        }
    }

    /** HTTP/1.1 has no GOAWAY: the push stream's connection is closed once the requests under way have ended. */
    @Override
    public void close() {
        closing = true;
        if (exchanges.isEmpty()) {
            ctx.close();
        }
    }

    @Override
    public void closeNow() {
        closeExchanges();
        ctx.close();
    }

    @Override
    public void fail(PushProtocolException error) {
        closeNow();
    }

    private FullHttpRequest httpRequest(Request request, Collection<String> have) {
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.path(), Unpooled.wrappedBuffer(request.body()));
        http.headers().set(HttpHeaderNames.HOST, settings.authority());
        ClientRequests.forEachHeader(request, have, (name, value) -> http.headers().set(name, value));
        return http;
    }

    /**
     * A response that cannot be read breaks the protocol; one cut short by the connection's end is that end,
     * which the session hears of anyway.
     */
    private void onUnreadable(Throwable cause) {
        if (!(cause instanceof PrematureChannelClosureException)) {
            events.onFailed(new SessionClosedException("the push response from " + settings.authority()
                    + " cannot be read as HTTP/1.1: " + cause.getMessage(), cause));
            closeNow();
        }
    }

    private void closeExchanges() {
        new ArrayList<>(exchanges.values()).forEach(Channel::close);
    }
}
