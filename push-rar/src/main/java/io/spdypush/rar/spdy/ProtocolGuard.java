package io.spdypush.rar.spdy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.SpdyProtocolException;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the session-level errors of PROTOCOL.md §4 into GOAWAY PROTOCOL_ERROR and counts them.
 * A client stream id that is not odd or not greater than the last one is such an error here,
 * where stock Netty only resets the stream. It sits below Netty's session handler, which sends
 * the GOAWAY and closes when a {@link SpdyProtocolException} reaches it; frames that cannot be
 * parsed or decompressed, or that carry another SPDY version, arrive here as such exceptions
 * from the frame codec.
 */
final class ProtocolGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ProtocolGuard.class.getName());

    private final BadInputCounter badInput;
    private int lastClientStreamId;

    ProtocolGuard(BadInputCounter badInput) {
        this.badInput = badInput;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SpdySynStreamFrame synStream) {
            int streamId = synStream.streamId();
            if (streamId % 2 == 0 || streamId <= lastClientStreamId) {
                ReferenceCountUtil.release(msg);
                SpdyProtocolException error = new SpdyProtocolException("client stream id " + streamId
                        + " is not odd or not greater than the last one, " + lastClientStreamId);
                countAndLog(ctx, error);
                ctx.fireExceptionCaught(error);
                return;
            }
            lastClientStreamId = streamId;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SpdyProtocolException) {
            countAndLog(ctx, cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    private void countAndLog(ChannelHandlerContext ctx, Throwable error) {
        badInput.count(BadInputCounter.Kind.PROTOCOL_ERROR);
        LOG.log(Level.FINE, "GOAWAY PROTOCOL_ERROR to {0}: {1}",
                new Object[]{ctx.channel().remoteAddress(), error.getMessage()});
    }
}
