package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.packet.PushPacket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SPDY connection whose push stream is open: it writes the client's outbox to the push
 * stream as push packets. Its write cursor is touched only on the channel's event loop;
 * {@link #wake()} may be called from any thread.
 */
final class PushSession {

    private final Channel channel;
    private final String sessionId;
    private final ClientState client;
    private final int pushStreamId;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private long lastWrittenSeq;

    PushSession(Channel channel, String sessionId, ClientState client, int pushStreamId) {
        this.channel = channel;
        this.sessionId = sessionId;
        this.client = client;
        this.pushStreamId = pushStreamId;
    }

    String sessionId() {
        return sessionId;
    }

    ClientState client() {
        return client;
    }

    int pushStreamId() {
        return pushStreamId;
    }

    /** Starts delivery after the client's {@code push-last-seq}: everything later is (re)sent. */
    void start(long lastSeqProcessed) {
        client.outbox().resumeAfter(lastSeqProcessed);
        lastWrittenSeq = client.outbox().highestAcknowledged();
        flush();
    }

    /** Asks the event loop to write whatever the outbox holds that this session has not written. */
    void wake() {
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                flushScheduled.set(false);
                flush();
            });
        }
    }

    /**
     * Sends GOAWAY (through Netty's session handler, on {@code close()}) and force-closes the
     * connection after {@code grace}: Netty would otherwise wait forever for the push stream.
     */
    void closeGracefully(Duration grace) {
        closeGracefully(channel, grace);
    }

    static void closeGracefully(Channel channel, Duration grace) {
        channel.close();
        channel.eventLoop().schedule(() -> forceClose(channel), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the socket without waiting for streams: the close starts below the SPDY session handler. */
    static void forceClose(Channel channel) {
        if (channel.isOpen()) {
            channel.pipeline().firstContext().close();
        }
    }

    private void flush() {
        if (!channel.isActive() || client.session() != this) {
            return;
        }
        boolean wrote = false;
        for (OutboxEntry.Outgoing outgoing : client.outbox().takeForSending(lastWrittenSeq)) {
            OutboxEntry entry = outgoing.entry();
            int flags = PushPacket.FLAG_ACK_REQUIRED | (outgoing.redelivery() ? PushPacket.FLAG_REDELIVERY : 0);
            ByteBuf packet = PushPacket.encode(channel.alloc(), entry.seq(), flags, entry.meta(), entry.payload());
            // Not a void promise: Netty's session handler listens on DATA writes.
            channel.write(new DefaultSpdyDataFrame(pushStreamId, packet));
            lastWrittenSeq = entry.seq();
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
