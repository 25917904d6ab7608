package io.spdypush.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A session's streams in SPDY/3.1 frames (docs/PROTOCOL.md §1–§3), behind Netty's {@code SpdySessionHandler}, which
 * keeps SPDY's stream rules and flow control: each request is a SYN_STREAM and DATA frames, the server's SYN_REPLY,
 * HEADERS, DATA, RST_STREAM, GOAWAY and pushed SYN_STREAMs become {@link StreamEvents}. Used on the connection's
 * event loop only.
 */
final class SpdyFraming extends ChannelInboundHandlerAdapter implements SessionFraming {

    /** PINGs with the client's odd ids; an answer carries the same id. */
    static final Heartbeat.Pings PINGS = new Heartbeat.Pings() {
        @Override
        public Object ping(int id) {
            return new DefaultSpdyPingFrame(id);
        }

        @Override
        public boolean isAnswer(Object msg, int id) {
            return msg instanceof SpdyPingFrame ping && ping.id() == id;
        }
    };

    /**
     * The largest DATA frame the client sends. SPDY's length field has 24 bits, and SpdySessionHandler cuts
     * frames only to the flow-control window, which the server may set far larger; smaller frames also let
     * other streams' frames in between.
     */
    static final int MAX_DATA_FRAME_BYTES = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(SpdyFraming.class.getName());

    private final ClientSettings settings;
    private final StreamEvents events;
    private ChannelHandlerContext ctx;
    private int nextStreamId = 1;

    SpdyFraming(ClientSettings settings, StreamEvents events) {
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
            if (msg instanceof SpdySynReplyFrame reply) {
                events.onHeaders(reply.streamId(), Reply.of(reply.headers()), reply.isLast());
            } else if (msg instanceof SpdyDataFrame data) {
                events.onData(data.streamId(), data.content(), data.isLast());
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                events.onReset(reset.streamId(), reset.status());
            } else if (msg instanceof SpdyGoAwayFrame goAway) {
                events.onGoAway(new SessionClosedException("the server sent GOAWAY " + goAway.status()));
            } else if (msg instanceof SpdySynStreamFrame serverPush) {
                onServerStream(serverPush);
            } else if (msg instanceof SpdyHeadersFrame headers) {
                // Checked after SYN_STREAM and SYN_REPLY, which are HEADERS frames too.
                events.onHeaders(headers.streamId(), Reply.of(headers.headers()), headers.isLast());
            }
            // SETTINGS, WINDOW_UPDATE and PING need nothing from us: SpdySessionHandler has handled them, and the
            // heartbeat has seen the answers to our PINGs.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            // SpdySessionHandler has already answered it with GOAWAY PROTOCOL_ERROR and is closing the connection.
            events.onFailed(new SessionClosedException("SPDY protocol error: " + cause.getMessage(), cause));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public OpenedStream openPushStream(Request request) {
        return open(request, List.of());
    }

    /**
     * The request's SYN_STREAM, then its body in DATA frames, FLAG_FIN on the last frame. All frames are written at
     * once and SpdySessionHandler holds back what the server's stream and session windows do not allow yet, sending
     * it as WINDOW_UPDATEs arrive.
     */
    @Override
    public OpenedStream open(Request request, Collection<String> have) {
        int streamId = nextStreamId;
        nextStreamId += 2;
        SpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        syn.setLast(!request.hasBody());
        syn.headers()
                .set(":method", request.method())
                .set(":path", request.path())
                .set(":version", "HTTP/1.1")
                .set(":host", settings.authority())
                .set(":scheme", settings.scheme());
        ClientRequests.forEachHeader(request, have, (name, value) -> syn.headers().set(name, value));
        ChannelPromise sent = ctx.newPromise();
        ChannelFuture last = ctx.write(syn);
        last.addListener(write -> {
            if (!write.isSuccess()) {
                // SpdySessionHandler refuses a new stream over the server's MAX_CONCURRENT_STREAMS or after GOAWAY.
                sent.tryFailure(new IOException("too many open streams, or the session is closing", write.cause()));
            }
        });
        byte[] body = request.body();
        for (int offset = 0; offset < body.length; offset += MAX_DATA_FRAME_BYTES) {
            int length = Math.min(MAX_DATA_FRAME_BYTES, body.length - offset);
            SpdyDataFrame data = new DefaultSpdyDataFrame(streamId, Unpooled.wrappedBuffer(body, offset, length));
            data.setLast(offset + length == body.length);
            last = ctx.write(data);
        }
        last.addListener(write -> {
            if (write.isSuccess()) {
                sent.trySuccess();
            } else {
                sent.tryFailure(write.cause());
            }
        });
        ctx.flush();
        return new OpenedStream(streamId, sent);
    }

    @Override
    public void reset(int streamId, SpdyStreamStatus status) {
        ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, status));
    }

    /** Through SpdySessionHandler, which sends GOAWAY OK and lets open streams finish. */
    @Override
    public void close() {
        ctx.close();
    }

    /** Under SpdySessionHandler, whose own close would keep waiting for open streams. */
    @Override
    public void closeNow() {
        ctx.pipeline().context(ClientTransports.SPDY_SESSION).close();
    }

    /**
     * SpdySessionHandler offers no call for GOAWAY PROTOCOL_ERROR, but it answers any SpdyProtocolException that
     * passes through it with one and closes the connection at once; so one is fired into it from the codec's side.
     */
    @Override
    public void fail(PushProtocolException error) {
        ctx.pipeline().context(ClientTransports.SPDY_CODEC)
                .fireExceptionCaught(new SpdyProtocolException(error.getMessage(), error));
    }

    /**
     * A stream the server opened: a sub-resource it pushes for a request (§3.2), which must be unidirectional; its
     * SYN_STREAM is both the promise and the reply.
     */
    private void onServerStream(SpdySynStreamFrame syn) {
        if (!syn.isUnidirectional()) {
            LOG.log(Level.WARNING, "{0} pushed stream {1} that is not unidirectional; resetting it with"
                    + " PROTOCOL_ERROR", new Object[] {settings.authority(), syn.streamId()});
            reset(syn.streamId(), SpdyStreamStatus.PROTOCOL_ERROR);
            return;
        }
        CharSequence path = syn.headers().get(Reply.PATH);
        events.onPushPromise(syn.streamId(), syn.associatedStreamId(), path == null ? null : path.toString());
        events.onHeaders(syn.streamId(), Reply.of(syn.headers()), syn.isLast());
    }
}
