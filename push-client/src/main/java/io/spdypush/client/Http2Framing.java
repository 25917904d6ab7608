package io.spdypush.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2PushPromiseFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * A session's streams in HTTP/2 frames (docs/PROTOCOL.md §10), above Netty's frame codec, which keeps HTTP/2's stream
 * rules and answers the server's PINGs: each request is a HEADERS frame and its body in DATA, the server's HEADERS,
 * DATA, RST_STREAM, PUSH_PROMISE and GOAWAY become {@link StreamEvents}. It gives back the flow-control window of every
 * DATA frame as it reads it, as the SPDY session handler does. Used on the connection's event loop only.
 */
final class Http2Framing extends Http2ChannelDuplexHandler implements SessionFraming {

    /** PINGs whose 8 bytes of data are the heartbeat's id; an answer is the PING ACK with the same data. */
    static final Heartbeat.Pings PINGS = new Heartbeat.Pings() {
        @Override
        public Object ping(int id) {
            return new DefaultHttp2PingFrame(id);
        }

        @Override
        public boolean isAnswer(Object msg, int id) {
            return msg instanceof Http2PingFrame ping && ping.ack() && ping.content() == id;
        }
    };

    private final ClientSettings settings;
    private final StreamEvents events;
    /** The streams the session may still reset, its own and those the server promised, by id. */
    private final IntObjectMap<Http2FrameStream> streams = new IntObjectHashMap<>();
    private ChannelHandlerContext ctx;

    Http2Framing(ClientSettings settings, StreamEvents events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                events.onHeaders(headers.stream().id(), Reply.of(headers.headers()), headers.isEndStream());
            } else if (msg instanceof Http2DataFrame data) {
                // Read is consumed: what the session holds is bounded by the packet decoder and the server, not by
                // the window.
                if (data.initialFlowControlledBytes() > 0) {
                    ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes())
                            .stream(data.stream()));
                }
                events.onData(data.stream().id(), data.content(), data.isEndStream());
            } else if (msg instanceof Http2ResetFrame reset) {
                events.onReset(reset.stream().id(), statusOf(reset.errorCode()));
            } else if (msg instanceof Http2PushPromiseFrame promise) {
                streams.put(promise.promisedStreamId(), promise.pushStream());
                CharSequence path = promise.http2Headers().path();
                events.onPushPromise(promise.promisedStreamId(), promise.stream().id(),
                        path == null ? null : path.toString());
            } else if (msg instanceof Http2GoAwayFrame goAway) {
                events.onGoAway(new SessionClosedException("the server sent GOAWAY " + name(goAway.errorCode())));
            }
            // SETTINGS, WINDOW_UPDATE and PING need nothing from us: the codec has handled them, and the heartbeat
            // has seen the answers to our PINGs.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // the window updates of the read
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2FrameStreamEvent change && change.stream().state() == Http2Stream.State.CLOSED) {
            streams.remove(change.stream().id());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException streamError) {
            // The codec leaves the reset of a stream that broke HTTP/2 to the handler that owns the stream.
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(streamError.error()).stream(streamError.stream()));
            events.onReset(streamError.stream().id(), statusOf(streamError.error().code()));
        } else if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            // The codec has answered it with GOAWAY and is closing the connection.
            events.onFailed(new SessionClosedException("HTTP/2 protocol error: " + cause.getMessage(), cause));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public OpenedStream openPushStream(Request request) {
        return open(request, List.of());
    }

    /** The request's HEADERS, then its body in one DATA frame, which the codec cuts to the frame size and window. */
    @Override
    public OpenedStream open(Request request, Collection<String> have) {
        Http2FrameStream stream = newStream();
        Http2Headers headers = new DefaultHttp2Headers()
                .method(request.method())
                .path(request.path())
                .scheme(settings.scheme())
                .authority(settings.authority());
        ClientRequests.forEachHeader(request, have, headers::set);
        ChannelPromise sent = ctx.newPromise();
        ChannelFuture last = ctx.write(new DefaultHttp2HeadersFrame(headers, !request.hasBody()).stream(stream));
        last.addListener(write -> {
            if (!write.isSuccess()) {
                sent.tryFailure(new IOException("the server's concurrent streams are all open, or the session is"
                        + " closing", write.cause()));
            }
        });
        if (request.hasBody()) {
            last = ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(request.body()), true).stream(stream));
        }
        last.addListener(write -> {
            if (write.isSuccess()) {
                sent.trySuccess();
            } else {
                sent.tryFailure(write.cause());
            }
        });
        ctx.flush();
        // The codec gave the stream its id as it wrote the HEADERS, unless it could not open it at all.
        if (stream.id() > 0) {
            streams.put(stream.id(), stream);
        }
        return new OpenedStream(stream.id(), sent);
    }

    @Override
    public void reset(int streamId, SpdyStreamStatus status) {
        Http2FrameStream stream = streams.get(streamId);
        if (stream != null) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(errorOf(status)).stream(stream));
        }
    }

    /** Through the codec, which sends GOAWAY NO_ERROR and lets open streams finish. */
    @Override
    public void close() {
        ctx.close();
    }

    /** Under the codec, whose own close would wait for open streams. */
    @Override
    public void closeNow() {
        ctx.pipeline().context(ClientTransports.HTTP2_CODEC).close();
    }

    @Override
    public void fail(PushProtocolException error) {
        ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.PROTOCOL_ERROR)).addListener(written -> closeNow());
    }

    /** An HTTP/2 error code in SPDY's words, which {@link StreamResetException} speaks. */
    static SpdyStreamStatus statusOf(long errorCode) {
        Http2Error error = Http2Error.valueOf(errorCode);
        if (error == null) {
            return SpdyStreamStatus.INTERNAL_ERROR;
        }
        return switch (error) {
            // The server needs no more of the request: it has answered, or will not.
            case NO_ERROR, CANCEL -> SpdyStreamStatus.CANCEL;
            case PROTOCOL_ERROR -> SpdyStreamStatus.PROTOCOL_ERROR;
            case REFUSED_STREAM -> SpdyStreamStatus.REFUSED_STREAM;
            case FLOW_CONTROL_ERROR -> SpdyStreamStatus.FLOW_CONTROL_ERROR;
            case STREAM_CLOSED -> SpdyStreamStatus.STREAM_ALREADY_CLOSED;
            case FRAME_SIZE_ERROR -> SpdyStreamStatus.FRAME_TOO_LARGE;
            default -> SpdyStreamStatus.INTERNAL_ERROR;
        };
    }

    /** The session resets streams with CANCEL or PROTOCOL_ERROR only. */
    private static Http2Error errorOf(SpdyStreamStatus status) {
        return status.equals(SpdyStreamStatus.CANCEL) ? Http2Error.CANCEL : Http2Error.PROTOCOL_ERROR;
    }

    private static String name(long errorCode) {
        Http2Error error = Http2Error.valueOf(errorCode);
        return error != null ? error.name() : Long.toString(errorCode);
    }
}
