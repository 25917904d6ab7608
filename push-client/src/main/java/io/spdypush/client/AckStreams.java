package io.spdypush.client;

import io.spdypush.protocol.PushHeaders;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The session's open acknowledgement streams (docs/PROTOCOL.md §3.1), each waiting for its SYN_REPLY.
 * Used on the connection's event loop only.
 */
final class AckStreams {

    private record PendingAck(long seq, CompletableFuture<Long> result) {
    }

    private final Map<Integer, PendingAck> pending = new HashMap<>();

    /** Opens stream {@code streamId} to acknowledge everything up to {@code seq}; the reply completes result. */
    void open(ChannelHandlerContext ctx, int streamId, long seq, ClientSettings settings,
              CompletableFuture<Long> result) {
        pending.put(streamId, new PendingAck(seq, result));
        ctx.writeAndFlush(ClientFrames.ackRequest(streamId, seq, settings)).addListener(write -> {
            if (!write.isSuccess()) {
                // SpdySessionHandler refuses a new stream over the server's MAX_CONCURRENT_STREAMS or after GOAWAY.
                fail(streamId, new IOException("could not open a stream for ack " + seq
                        + ": too many open streams, or the session is closing", write.cause()));
            }
        });
    }

    /** Completes the ack the reply answers; false when the reply is not for an ack stream. */
    boolean onReply(SpdySynReplyFrame reply) {
        PendingAck ack = pending.remove(reply.streamId());
        if (ack == null) {
            return false;
        }
        int status = ClientFrames.status(reply);
        OptionalLong acked = ClientFrames.longHeader(reply, PushHeaders.PUSH_ACK);
        if (status != ClientFrames.STATUS_OK) {
            ack.result().completeExceptionally(new PushRefusedException("ack " + ack.seq(), status,
                    ClientFrames.longHeader(reply, PushHeaders.RETRY_AFTER)));
        } else if (acked.isEmpty()) {
            ack.result().completeExceptionally(new PushProtocolException("the reply to ack " + ack.seq()
                    + " has no valid " + PushHeaders.PUSH_ACK + " header"));
        } else {
            ack.result().complete(acked.getAsLong());
        }
        return true;
    }

    /** Fails the ack whose stream was reset; false when the stream is not an ack stream. */
    boolean onReset(SpdyRstStreamFrame reset) {
        PendingAck ack = pending.get(reset.streamId());
        if (ack == null) {
            return false;
        }
        fail(reset.streamId(), new IOException("the stream of ack " + ack.seq() + " was reset: " + reset.status()));
        return true;
    }

    /** Fails every ack still waiting: the session is gone. */
    void failAll(Exception reason) {
        List<PendingAck> abandoned = new ArrayList<>(pending.values());
        pending.clear();
        abandoned.forEach(ack -> ack.result().completeExceptionally(reason));
    }

    private void fail(int streamId, Exception reason) {
        PendingAck ack = pending.remove(streamId);
        if (ack != null) {
            ack.result().completeExceptionally(reason);
        }
    }
}
