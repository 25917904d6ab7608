package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.SharedInflaterHeaderBlockDecoder;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyVersion;

import java.util.List;

/**
 * Netty's SPDY/3.1 frame codec with our header encoder and decoder, {@link UncompressedHeaderEncoder}
 * and {@link SharedInflaterHeaderBlockDecoder}, so that a connection keeps neither a Deflater nor an
 * Inflater, the largest memory costs of an idle connection. DATA frames are written with one copy
 * and no garbage (see {@link #encodeDataFrame}). Once it has written a GOAWAY for an error, or the channel
 * has closed, it passes on no further header blocks or DATA: the session is over, but Netty's decoder
 * would otherwise go on through the rest of the read buffer, inflating header blocks nobody will use.
 * The adapter uses it for every session, the bench for its lean client.
 */
public final class LeanSpdyFrameCodec extends SpdyFrameCodec {

    /** Netty's default: DATA reaches the handlers in chunks of 8 KiB. */
    private static final int MAX_CHUNK_BYTES = 8192;
    private static final int FRAME_HEADER_BYTES = 8;
    private static final int FLAG_FIN = 0x01;

    /** A GOAWAY for an error has been written: the rest of what the peer sends is dropped unread. */
    private boolean sessionFailed;
    private ChannelHandlerContext ctx;

    /**
     * @param maxHeaderBytes  the largest decompressed header block accepted
     * @param validateHeaders whether received header names and values are checked
     */
    public LeanSpdyFrameCodec(int maxHeaderBytes, boolean validateHeaders) {
        super(SpdyVersion.SPDY_3_1, MAX_CHUNK_BYTES, new SharedInflaterHeaderBlockDecoder(maxHeaderBytes),
                new UncompressedHeaderEncoder(), validateHeaders);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        this.ctx = ctx;
    }

    /** Whether what the peer sends is still of use: no GOAWAY for an error, and the channel open. */
    private boolean discarding() {
        return sessionFailed || !ctx.channel().isActive();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding()) {
            in.skipBytes(in.readableBytes());
        } else {
            super.decode(ctx, in, out);
        }
    }

    @Override
    public void readHeaderBlock(ByteBuf headerBlock) {
        if (discarding()) {
            headerBlock.release();
        } else {
            super.readHeaderBlock(headerBlock);
        }
    }

    @Override
    public void readHeaderBlockEnd() {
        if (!discarding()) {
            super.readHeaderBlockEnd();
        }
    }

    @Override
    public void readDataFrame(int streamId, boolean last, ByteBuf data) {
        if (discarding()) {
            data.release();
        } else {
            super.readDataFrame(streamId, last, data);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof SpdyGoAwayFrame goAway && !goAway.status().equals(SpdySessionStatus.OK)) {
            sessionFailed = true;
        }
        if (msg instanceof SpdyDataFrame data) {
            try {
                ctx.write(encodeDataFrame(ctx.alloc(), data), promise);
            } finally {
                data.release();
            }
        } else {
            super.write(ctx, msg, promise);
        }
    }

    /**
     * A DATA frame as Netty encodes it, but its content is copied by the content's {@code getBytes}.
     * Netty's encoder has the pooled frame buffer read the content as one NIO buffer, which a content
     * of several parts, such as a push packet (its own header, the shared message body), is first
     * merged into: a heap buffer and a second copy for every packet.
     */
    private static ByteBuf encodeDataFrame(ByteBufAllocator alloc, SpdyDataFrame data) {
        ByteBuf content = data.content();
        int length = content.readableBytes();
        ByteBuf frame = alloc.ioBuffer(FRAME_HEADER_BYTES + length);
        frame.writeInt(data.streamId() & 0x7FFFFFFF)
                .writeByte(data.isLast() ? FLAG_FIN : 0)
                .writeMedium(length);
        content.getBytes(content.readerIndex(), frame, frame.writerIndex(), length);
        return frame.writerIndex(frame.writerIndex() + length);
    }
}
