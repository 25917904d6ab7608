package io.spdypush.rar.spdy;

import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;

/** The SYN_REPLY shapes of docs/PROTOCOL.md, written on the stream they answer. */
final class Replies {

    static final String STATUS = ":status";
    static final String VERSION = ":version";
    static final String HTTP_1_1 = "HTTP/1.1";

    private Replies() {
    }

    /** A SYN_REPLY with {@code :status} and {@code :version}, to which the caller adds headers. */
    static SpdySynReplyFrame synReply(int streamId, int status, boolean last) {
        SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(streamId);
        reply.headers().set(STATUS, Integer.toString(status)).set(VERSION, HTTP_1_1);
        reply.setLast(last);
        return reply;
    }

    /** Refuses a push stream: SYN_REPLY with FLAG_FIN and the status alone (§2). */
    static void refusePushStream(ChannelHandlerContext ctx, int streamId, int status, Integer retryAfterSeconds) {
        SpdySynReplyFrame reply = synReply(streamId, status, true);
        if (retryAfterSeconds != null) {
            reply.headers().set(PushHeaders.RETRY_AFTER, retryAfterSeconds.toString());
        }
        ctx.writeAndFlush(reply);
    }

    /** Answers a normal stream with a status and a short plain-text reason as its body (§3.2). */
    static void plainText(ChannelHandlerContext ctx, int streamId, int status, String reason) {
        ByteBuf body = ByteBufUtil.writeUtf8(ctx.alloc(), reason);
        SpdySynReplyFrame reply = synReply(streamId, status, !body.isReadable());
        SpdyHeaders headers = reply.headers();
        headers.set(PushHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.set(PushHeaders.CONTENT_LENGTH, Integer.toString(body.readableBytes()));
        if (body.isReadable()) {
            ctx.write(reply);
            ctx.writeAndFlush(new DefaultSpdyDataFrame(streamId, body).setLast(true));
        } else {
            body.release();
            ctx.writeAndFlush(reply);
        }
    }

    /** Answers an acknowledgement: SYN_REPLY with FLAG_FIN, echoing the seq now acknowledged (§3.1). */
    static void ack(ChannelHandlerContext ctx, int streamId, long acknowledged) {
        SpdySynReplyFrame reply = synReply(streamId, 200, true);
        reply.headers().set(PushHeaders.PUSH_ACK, SeqValues.format(acknowledged));
        ctx.writeAndFlush(reply);
    }
}
