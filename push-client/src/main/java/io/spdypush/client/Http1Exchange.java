package io.spdypush.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * One acknowledgement or business request on an HTTP/1.1 connection of its own (docs/PROTOCOL.md §10): sends the
 * request once the connection is up (over TLS, once ALPN has chosen {@code http/1.1}), hands the response to the
 * session as the events of its stream, and closes the connection when the response has ended. A connection that
 * ends before its response has is the stream {@link StreamEvents#onLost lost}. Runs on the session's event loop.
 */
final class Http1Exchange extends ChannelInboundHandlerAdapter {

    private final int streamId;
    private final String what;
    private final ChannelPromise sent;
    private final ClientSettings settings;
    private final StreamEvents events;
    /** The request until it is written; then the codec owns it. */
    private FullHttpRequest request;
    private boolean answered;
    /** Why the exchange ended early, when something said. */
    private IOException failure;

    /**
     * @param what the request as a log names it ("POST /ack")
     * @param sent completed once the request has gone out, failed when it cannot
     */
    Http1Exchange(int streamId, String what, FullHttpRequest request, ChannelPromise sent, ClientSettings settings,
                  StreamEvents events) {
        this.streamId = streamId;
        this.what = what;
        this.request = request;
        this.sent = sent;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            send(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
            if (!handshake.isSuccess()) {
                // SslHandler closes the connection itself.
                failure = new IOException("TLS handshake with " + settings.authority() + " failed: "
                        + handshake.cause().getMessage(), handshake.cause());
            } else if (!ClientTls.ALPN_HTTP_1_1.equals(protocol)) {
                failure = new IOException("the server at " + settings.authority() + " did not select "
                        + ClientTls.ALPN_HTTP_1_1 + " over ALPN for the connection of " + what + " (it selected "
                        + (protocol == null ? "nothing" : protocol) + ")");
                ctx.close();
            } else {
                send(ctx);
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (answered) {
                return;
            }
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                failure = new IOException("the response to " + what + " from " + settings.authority()
                        + " cannot be read as HTTP/1.1: " + object.decoderResult().cause().getMessage(),
                        object.decoderResult().cause());
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse response) {
                events.onHeaders(streamId, Reply.of(response), false);
            }
            if (msg instanceof HttpContent content) {
                answered = content instanceof LastHttpContent;
                events.onData(streamId, content.content(), answered);
                if (answered) {
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = new IOException("the connection of " + what + " to " + settings.authority() + " failed: "
                    + cause.getMessage(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!answered) {
            events.onLost(streamId, failure != null ? failure : new IOException("the connection of " + what + " to "
                    + settings.authority() + " closed before the response ended"));
        }
        ctx.fireChannelInactive();
    }

    /** Never sent (no connection, no TLS): the request is let go, and so is whoever waits for it. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (request != null) {
            request.release();
            request = null;
        }
        sent.tryFailure(failure != null ? failure : new IOException("the connection of " + what + " to "
                + settings.authority() + " ended before the request was sent"));
    }

    private void send(ChannelHandlerContext ctx) {
        FullHttpRequest writing = request;
        request = null;
        ctx.writeAndFlush(writing).addListener(write -> {
            if (write.isSuccess()) {
                sent.trySuccess();
            } else {
                sent.tryFailure(write.cause());
            }
        });
    }
}
