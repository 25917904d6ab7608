package io.spdypush.rar.spdy;

import io.spdypush.protocol.PushHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import io.spdypush.rar.pool.MemoryPool;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the application's answer to a business request (docs/PROTOCOL.md §3.2): the SYN_REPLY
 * tagging every sub-resource in {@code push-subresources}, one unidirectional server stream per
 * pushed sub-resource (all its headers in its SYN_STREAM, associated with the request), every
 * such SYN_STREAM before the request's FIN, then the bodies, each ending with FIN. A body waits in
 * Netty's session handler while the client's window is closed: one not sent within
 * {@code writeTimeout} is given up with RST_STREAM CANCEL, which releases it. One instance per SPDY session.
 */
final class BusinessReply implements StreamReplies {

    private final ChannelHandlerContext ctx;
    private final PushStreamIds pushStreamIds = new PushStreamIds();
    private final MemoryPool bodies;
    private final int maxPushBytes;
    private final String scheme;
    private final Duration writeTimeout;

    /**
     * @param bodies       the pool for reply and sub-resource bodies ({@code stream})
     * @param maxPushBytes the largest sub-resource pushed; larger ones are only tagged
     * @param scheme       {@code https} or {@code http}, for the pushed streams' {@code :scheme}
     * @param writeTimeout how long a body may wait for the client's window before its stream is cancelled
     */
    BusinessReply(ChannelHandlerContext ctx, MemoryPool bodies, int maxPushBytes, String scheme, Duration writeTimeout) {
        this.ctx = ctx;
        this.bodies = bodies;
        this.maxPushBytes = maxPushBytes;
        this.scheme = scheme;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public void plainText(int streamId, int status, String reason) {
        Replies.plainText(ctx, streamId, status, reason);
    }

    @Override
    public void ack(int streamId, long acknowledged) {
        Replies.ack(ctx, streamId, acknowledged);
    }

    /** Writes and flushes the answer on {@code request}'s stream. */
    @Override
    public void answer(RequestStream request, BusinessResponse response) {
        int streamId = request.streamId();
        List<Subresource> pushed = ReplyHeaders.pushed(response, request.have(), maxPushBytes, pushStreamIds.remaining());
        boolean bodyless = response.bodyLength() == 0 && pushed.isEmpty();
        SpdySynReplyFrame reply = Replies.synReply(streamId, response.status(), bodyless);
        SpdyHeaders headers = reply.headers();
        ReplyHeaders.forEach(response, headers::set);
        ctx.write(reply);
        int[] ids = new int[pushed.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = pushStreamIds.next();
            ctx.write(pushedStream(ids[i], streamId, request.host(), pushed.get(i)));
        }
        ChannelFuture[] bodiesSent = new ChannelFuture[ids.length + 1];
        if (!bodyless) {
            bodiesSent[ids.length] = ctx.write(new DefaultSpdyDataFrame(streamId, body(response.body())).setLast(true));
        }
        for (int i = 0; i < ids.length; i++) {
            bodiesSent[i] = ctx.write(new DefaultSpdyDataFrame(ids[i], body(pushed.get(i).body())).setLast(true));
        }
        ctx.flush();
        // Most bodies have left by now; only a reply still waiting for the client's window needs a timer.
        if (Arrays.stream(bodiesSent).anyMatch(sent -> sent != null && !sent.isDone())) {
            cancelUnsentAfterTimeout(ctx, streamId, ids, bodiesSent);
        }
    }

    /**
     * @param ids        the pushed streams
     * @param bodiesSent the writes of their bodies, then of the reply's, each null when there was none
     */
    private void cancelUnsentAfterTimeout(ChannelHandlerContext ctx, int replyStreamId, int[] ids,
                                          ChannelFuture[] bodiesSent) {
        ctx.executor().schedule(() -> {
            for (int i = 0; i < bodiesSent.length; i++) {
                if (bodiesSent[i] != null && !bodiesSent[i].isDone()) {
                    int streamId = i < ids.length ? ids[i] : replyStreamId;
                    ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(streamId, SpdyStreamStatus.CANCEL));
                }
            }
        }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private SpdySynStreamFrame pushedStream(int streamId, int associatedStreamId, String host,
                                            Subresource subresource) {
        SpdySynStreamFrame push = new DefaultSpdySynStreamFrame(streamId, associatedStreamId, (byte) 0);
        push.setUnidirectional(true);
        push.headers()
                .set(":scheme", scheme)
                .set(":host", host == null ? "" : host)
                .set(":path", subresource.path())
                .set(Replies.STATUS, "200")
                .set(Replies.VERSION, Replies.HTTP_1_1)
                .set(PushHeaders.CONTENT_TYPE, subresource.contentType())
                .set(PushHeaders.CONTENT_LENGTH, Integer.toString(subresource.length()));
        return push;
    }

    private ByteBuf body(byte[] bytes) {
        return bodies.buffer(bytes.length).writeBytes(bytes);
    }

    /** The server's stream ids on one session: even, increasing, never reused (SPDY/3.1). */
    static final class PushStreamIds {

        private static final long LAST_EVEN_STREAM_ID = 0x7ffffffe;
        private long next = 2;

        int next() {
            int id = (int) next;
            next += 2;
            return id;
        }

        /** How many ids are left before the 31-bit stream id space runs out. */
        long remaining() {
            return next > LAST_EVEN_STREAM_ID ? 0 : (LAST_EVEN_STREAM_ID - next) / 2 + 1;
        }
    }
}
