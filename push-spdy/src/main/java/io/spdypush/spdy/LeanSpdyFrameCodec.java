package io.spdypush.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.spdy.SharedInflaterHeaderBlockDecoder;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.netty.handler.codec.spdy.SpdyVersion;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's SPDY/3.1 frame codec with our header encoder and decoder, {@link UncompressedHeaderEncoder}
 * and {@link SharedInflaterHeaderBlockDecoder}, so that a connection keeps neither a Deflater nor an
 * Inflater, the largest memory costs of an idle connection. DATA frames of direct memory are written as
 * they are, behind a frame header of their own, and others with one copy (see {@link #encodeDataFrame}).
 * Once it has written a GOAWAY for an error, or the channel has closed, it passes on no further header blocks or DATA: the session is over, but Netty's decoder
 * would otherwise go on through the rest of the read buffer, inflating header blocks nobody will use.
 * When the peer has sent no header block for {@link #QUIET_NANOS} (once or twice that), the window of its header
 * stream is packed until the next one ({@link HeaderBlockInflater#compact}), so a long-lived session that has
 * acknowledged thousands of messages costs about what a new one does.
 * The adapter uses it for every session, the bench and the SDK for their clients.
 */
public final class LeanSpdyFrameCodec extends SpdyFrameCodec {

    /** Netty's default: DATA reaches the handlers in chunks of 8 KiB. */
    private static final int MAX_CHUNK_BYTES = 8192;
    private static final int FRAME_HEADER_BYTES = 8;
    private static final int FLAG_FIN = 0x01;

    /**
     * How long a peer sends no header block before its window is packed: long enough that a busy session (which
     * would unpack it at once) is left alone, short enough that one gone quiet soon costs little.
     */
    public static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SharedInflaterHeaderBlockDecoder headerDecoder;
    /** A GOAWAY for an error has been written: the rest of what the peer sends is dropped unread. */
    private boolean sessionFailed;
    private ChannelHandlerContext ctx;
    /** A check whether the peer has gone quiet is scheduled. */
    private boolean quietCheckScheduled;
    /** A header block arrived since the last check. */
    private boolean headerBlockSinceCheck;

    /**
     * @param maxHeaderBytes  the largest decompressed header block accepted
     * @param validateHeaders whether received header names and values are checked
     */
    public LeanSpdyFrameCodec(int maxHeaderBytes, boolean validateHeaders) {
        this(new SharedInflaterHeaderBlockDecoder(maxHeaderBytes), validateHeaders);
    }

    private LeanSpdyFrameCodec(SharedInflaterHeaderBlockDecoder headerDecoder, boolean validateHeaders) {
        super(SpdyVersion.SPDY_3_1, MAX_CHUNK_BYTES, headerDecoder, new UncompressedHeaderEncoder(), validateHeaders);
        this.headerDecoder = headerDecoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        this.ctx = ctx;
    }

    /**
     * The bytes of the peer's header stream this session keeps between header blocks (its zlib window): at most
     * what the peer declared, 256 bytes for our encoder, up to 32 KiB for others, or packed while the peer is quiet.
     */
    public int peerHeaderWindowBytes() {
        return headerDecoder.windowBytes();
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
            if (quietCheckScheduled) {
                headerBlockSinceCheck = true;
            } else if (headerDecoder.packable()) {
                scheduleQuietCheck();
            }
        }
    }

    private void scheduleQuietCheck() {
        quietCheckScheduled = true;
        ctx.executor().schedule(this::packWindowIfQuiet, QUIET_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Packs the peer's header window if no block came since the last check; checks again later if one did. */
    private void packWindowIfQuiet() {
        quietCheckScheduled = false;
        if (discarding()) {
            return;
        }
        if (headerBlockSinceCheck) {
            headerBlockSinceCheck = false;
            scheduleQuietCheck();
        } else {
            headerDecoder.compactWindow();
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
     * A DATA frame as Netty encodes it, but without Netty's copies. Content in direct memory (the server's push
     * packets: their headers and the message bodies that every recipient shares) goes out as it is, after a
     * frame header of its own, in one gathering write: no byte of a body is copied per recipient. Other
     * content is copied once, straight into the frame, by the content's {@code getBytes}, where Netty's encoder
     * would merge content of several parts into a heap buffer first and then copy that.
     */
    private static ByteBuf encodeDataFrame(ByteBufAllocator alloc, SpdyDataFrame data) {
        ByteBuf content = data.content();
        int length = content.readableBytes();
        if (content.isDirect()) {
            ByteBuf header = frameHeader(alloc.ioBuffer(FRAME_HEADER_BYTES), data, length);
            return new CompositeByteBuf(alloc, true, 2, header, content.retain());
        }
        ByteBuf frame = frameHeader(alloc.ioBuffer(FRAME_HEADER_BYTES + length), data, length);
        content.getBytes(content.readerIndex(), frame, frame.writerIndex(), length);
        return frame.writerIndex(frame.writerIndex() + length);
    }

    private static ByteBuf frameHeader(ByteBuf frame, SpdyDataFrame data, int length) {
        return frame.writeInt(data.streamId() & 0x7FFFFFFF)
                .writeByte(data.isLast() ? FLAG_FIN : 0)
                .writeMedium(length);
    }
}
