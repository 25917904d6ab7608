package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * A bench session of ours, whatever carries it (SPDY/3.1 or HTTP/2): the push stream's answer, its packets, the
 * cumulative acks and their answers, and the end of the connection. Each transport's handler does the framing and
 * tells this what arrived; touched on the connection's event loop but for {@link #ack}.
 */
final class PushStreamSession implements Session {

    private final String clientId;
    private final Receiver receiver;
    private final CompletableFuture<Session> accepted;
    private final PacketScanner packets = new PacketScanner();
    private final CumulativeAcks acks;
    private Channel channel;

    /** @param sendAck opens the transport's ack stream for a seq */
    PushStreamSession(String clientId, Receiver receiver, CompletableFuture<Session> accepted, LongConsumer sendAck) {
        this.clientId = clientId;
        this.receiver = receiver;
        this.accepted = accepted;
        this.acks = new CumulativeAcks(sendAck);
    }

    void connected(Channel connection) {
        channel = connection;
    }

    /** The push stream's answer came, with this {@code :status}. */
    void pushStreamAnswered(CharSequence status) {
        if (isOk(status)) {
            accepted.complete(this);
        } else {
            accepted.completeExceptionally(new IllegalStateException("push stream of " + clientId + " refused: "
                    + status));
            channel.close();
        }
    }

    /** An ack's answer came, with this {@code :status} and {@code push-ack}. */
    void ackAnswered(CharSequence status, CharSequence acked) {
        if (acked != null && isOk(status)) {
            receiver.onAcked(this, SeqValues.parse(PushHeaders.PUSH_ACK, acked.toString()));
        }
        acks.answered();
    }

    /** Bytes of the push stream, which the caller releases. */
    void packets(ByteBufAllocator alloc, ByteBuf content) {
        packets.scan(alloc, content, (seq, redelivery, bytes, payloadFrom, payloadTo) ->
                receiver.onMessage(this, seq, redelivery, Payloads.sentNanos(bytes, payloadFrom, payloadTo)));
    }

    /** The connection ended. */
    void closed() {
        packets.release();
        accepted.completeExceptionally(new IllegalStateException("connection of " + clientId + " closed"));
        receiver.onClosed(this);
    }

    private static boolean isOk(CharSequence status) {
        return status != null && status.toString().startsWith("200");
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void ack(long seq) {
        if (channel.eventLoop().inEventLoop()) {
            acks.ack(seq, channel.isActive());
        } else {
            channel.eventLoop().execute(() -> acks.ack(seq, channel.isActive()));
        }
    }

    @Override
    public void drop() {
        // Below the transport's codec or session handler, which would send GOAWAY and wait for the push stream to
        // end; a connection already gone (its server killed) has no handlers left, and nothing to close.
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first != null) {
            first.close();
        }
    }

    @Override
    public void close() {
        drop();
    }
}
