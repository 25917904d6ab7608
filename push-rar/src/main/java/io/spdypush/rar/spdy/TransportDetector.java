package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the transport of a cleartext connection from its first bytes (docs/PROTOCOL.md §10): the HTTP/2
 * connection preface means HTTP/2 with prior knowledge, a first byte 0x80 (a SPDY control frame) SPDY/3.1, anything
 * else HTTP/1.1. It then gives way to that transport's handlers, which read the same bytes. A connection that sends
 * nothing within the push stream timeout is closed.
 */
final class TransportDetector extends ByteToMessageDecoder {

    private static final Logger LOG = Logger.getLogger(TransportDetector.class.getName());
    private static final int SPDY_CONTROL_BIT = 0x80;
    private static final ByteBuf HTTP2_PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final Transports transports;
    private final Duration pushStreamTimeout;
    private final BadInputCounter badInput;
    private ScheduledFuture<?> silence;

    TransportDetector(Transports transports, Duration pushStreamTimeout, BadInputCounter badInput) {
        this.transports = transports;
        this.pushStreamTimeout = pushStreamTimeout;
        this.badInput = badInput;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        silence = ctx.executor().schedule(() -> {
            badInput.count(BadInputCounter.Kind.NO_PUSH_STREAM);
            LOG.log(Level.FINE, "Dropping connection from {0}: it sent nothing within {1} s", new Object[]{
                    ctx.channel().remoteAddress(), pushStreamTimeout.toSeconds()});
            ChannelClose.now(ctx.channel());
        }, pushStreamTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        silence.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if ((in.getUnsignedByte(in.readerIndex()) & SPDY_CONTROL_BIT) != 0) {
            transports.spdy(ctx.pipeline());
        } else {
            int compared = Math.min(in.readableBytes(), HTTP2_PREFACE.readableBytes());
            if (!ByteBufUtil.equals(in, in.readerIndex(), HTTP2_PREFACE, 0, compared)) {
                transports.http1(ctx.pipeline());
            } else if (compared == HTTP2_PREFACE.readableBytes()) {
                transports.http2(ctx.pipeline());
            } else {
                return; // the start of the preface: wait for the rest
            }
        }
        ctx.pipeline().remove(this); // hands what it read on to the chosen transport
    }
}
