package io.spdypush.client;

import io.spdypush.protocol.PushHeaders;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The session's open acknowledgement streams (docs/PROTOCOL.md §3.1), each waiting for its reply.
 * Used on the connection's event loop only.
 */
final class AckStreams {

    private record PendingAck(long seq, CompletableFuture<Long> result) {
    }

    private final SessionFraming framing;
    private final Map<Integer, PendingAck> pending = new HashMap<>();

    AckStreams(SessionFraming framing) {
        this.framing = framing;
    }

    /** Opens a stream to acknowledge everything up to {@code seq}; the reply completes result. */
    void open(long seq, CompletableFuture<Long> result) {
        SessionFraming.OpenedStream stream = framing.open(ClientRequests.ack(seq), List.of());
        pending.put(stream.id(), new PendingAck(seq, result));
        stream.sent().addListener(sent -> {
            if (!sent.isSuccess()) {
                fail(stream.id(), new IOException("could not send ack " + seq + ": " + sent.cause().getMessage(),
                        sent.cause()));
            }
        });
    }

    /** Completes the ack the reply answers; false when the stream is not an ack's. */
    boolean onReply(int streamId, Reply reply) {
        PendingAck ack = pending.remove(streamId);
        if (ack == null) {
            return false;
        }
        OptionalLong acked = reply.longHeader(PushHeaders.PUSH_ACK);
        if (reply.status() != Reply.STATUS_OK) {
            ack.result().completeExceptionally(new PushRefusedException("ack " + ack.seq(), reply.status(),
                    reply.longHeader(PushHeaders.RETRY_AFTER)));
        } else if (acked.isEmpty()) {
            ack.result().completeExceptionally(new PushProtocolException("the reply to ack " + ack.seq()
                    + " has no valid " + PushHeaders.PUSH_ACK + " header"));
        } else {
            ack.result().complete(acked.getAsLong());
        }
        return true;
    }

    /** Fails the ack whose stream was reset; false when the stream is not an ack's. */
    boolean onReset(int streamId, SpdyStreamStatus status) {
        PendingAck ack = pending.get(streamId);
        return ack != null && fail(streamId, new IOException("the stream of ack " + ack.seq() + " was reset: "
                + status));
    }

    /** Fails the ack of the stream for the reason; false when the stream is not an ack's still waiting. */
    boolean fail(int streamId, IOException reason) {
        PendingAck ack = pending.remove(streamId);
        if (ack == null) {
            return false;
        }
        ack.result().completeExceptionally(reason);
        return true;
    }

    /** Fails every ack still waiting: the session is gone. */
    void failAll(Exception reason) {
        List<PendingAck> abandoned = new ArrayList<>(pending.values());
        pending.clear();
        abandoned.forEach(ack -> ack.result().completeExceptionally(reason));
    }
}
