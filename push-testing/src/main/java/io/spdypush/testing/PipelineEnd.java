package io.spdypush.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The last handler of a pipeline under test: it releases whatever is read past the handlers and keeps
 * the exceptions that escaped them, which on a real channel would reach Netty's tail and be logged as
 * unhandled.
 */
public final class PipelineEnd extends ChannelInboundHandlerAdapter {

    private final List<Throwable> escaped = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        escaped.add(cause);
    }

    /** The exceptions that reached the end of the pipeline, in order. */
    public List<Throwable> escaped() {
        return List.copyOf(escaped);
    }
}
