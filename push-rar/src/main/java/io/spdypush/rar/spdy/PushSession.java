package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.protocol.PushPacket;
import io.spdypush.codec.PushPacketWriter;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.statistics.MessageStatistics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection whose push stream is open, on any transport (docs/PROTOCOL.md §10): it writes the client's
 * outbox to the push stream as push packets. Its write cursor is touched only on the channel's event loop;
 * {@link #wake()} may be called from any thread.
 */
final class PushSession {

    private final Channel channel;
    private final SessionTransport transport;
    private final String sessionId;
    private final ClientState client;
    private final List<String> topics;
    private final MemoryPool writeQueue;
    private final PushListener events;
    private final MessageStatistics statistics;
    private final Instant connectedAt = Instant.now();
    /** Enough to keep a 64 KiB SPDY window and the socket busy, small enough to bound memory. */
    static final int MAX_IN_FLIGHT_BYTES = 256 * 1024;
    /**
     * Packets taken together go out as one DATA frame (docs/PROTOCOL.md §2 lets a frame hold several), of
     * about SPDY's initial window (the budget counts message bodies, not the 16-byte packet headers):
     * the pipeline, the frame encoding and the write's completion are paid per frame, not per packet.
     */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Parts smaller than this on average are copied into one buffer rather than written each on its own. */
    static final int MIN_AVERAGE_PART_GATHERED = 1024;

    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private long lastWrittenSeq;
    private long inFlightBytes;
    /** The last flush stopped at {@link #MAX_IN_FLIGHT_BYTES}: a completed write must flush again. */
    private boolean stalled;

    /**
     * @param topics     the topics its push stream subscribed to
     * @param writeQueue the {@code session} pool, for the packet headers it writes
     * @param events     told of acknowledgements by resume and of expirations; called on the event loop
     * @param transport  how the connection carries the push stream
     * @param statistics where the packets that reach the wire are counted
     */
    PushSession(Channel channel, SessionTransport transport, String sessionId, ClientState client, List<String> topics,
                MemoryPool writeQueue, PushListener events, MessageStatistics statistics) {
        this.channel = channel;
        this.transport = transport;
        this.sessionId = sessionId;
        this.client = client;
        this.topics = List.copyOf(topics);
        this.writeQueue = writeQueue;
        this.events = events;
        this.statistics = statistics;
    }

    String sessionId() {
        return sessionId;
    }

    ClientState client() {
        return client;
    }

    SessionTransport transport() {
        return transport;
    }

    List<String> topics() {
        return topics;
    }

    /**
     * Starts delivery after the client's {@code push-last-seq}: everything up to it counts as
     * acknowledged, everything later is (re)sent.
     */
    void start(long lastSeqProcessed) {
        Outbox.Acknowledged processed = client.outbox().resumeAfter(lastSeqProcessed);
        if (!processed.messageIds().isEmpty()) {
            events.onAcknowledged(new Acknowledgement(client.clientId(), processed.seq(), processed.messageIds()));
        }
        lastWrittenSeq = client.outbox().highestAcknowledged();
        flush();
    }

    /** What the adapter tells about this session; any thread. */
    SessionInfo info() {
        return new SessionInfo(client.clientId(), sessionId, String.valueOf(channel.remoteAddress()), connectedAt,
                transport.lastHeartbeat(), transport.openStreams(), topics, client.outbox().size(), "",
                transport.name());
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
     * Writes what the outbox holds now when {@code readOn}, the connection a request of this session was just read
     * on, is the session's own: the packets then leave with the request's answer, in the write that ends the read,
     * rather than in a write of their own once a wake's turn comes (under load, a second {@code writev} and a
     * second read for the client). A wake queued meanwhile finds them written. Event loop.
     */
    void writeWithAnswers(Channel readOn) {
        if (readOn == channel) {
            flush();
        }
    }

    /** Ends the session as its transport does (GOAWAY, or the last chunk) and closes the connection after {@code grace}. */
    void closeGracefully(Duration grace) {
        transport.closeGracefully(grace);
    }

    /**
     * Hands the next packets to Netty, a frame at a time, while fewer than {@link #MAX_IN_FLIGHT_BYTES}
     * are written but not yet on the wire. A write completes only when its bytes have left, which waits for
     * the transport's flow-control window as well as the socket; until then packets wait in the outbox (§6).
     */
    private void flush() {
        if (!channel.isActive() || client.session() != this) {
            return;
        }
        boolean wrote = false;
        while (inFlightBytes < MAX_IN_FLIGHT_BYTES) {
            List<OutboxEntry.Outgoing> batch = client.outbox().takeForSending(lastWrittenSeq,
                    Math.min(MAX_FRAME_BYTES, MAX_IN_FLIGHT_BYTES - inFlightBytes), System.currentTimeMillis());
            if (batch.isEmpty()) {
                break;
            }
            write(batch);
            wrote = true;
        }
        stalled = inFlightBytes >= MAX_IN_FLIGHT_BYTES; // before the flush, which may complete writes at once
        if (wrote) {
            channel.flush();
        }
        List<String> expired = client.outbox().drainExpired();
        if (!expired.isEmpty()) {
            events.onExpired(new Expiration(client.clientId(), expired));
        }
    }

    /**
     * Whether {@code packets} go to the socket as they are, each part where it is: a single packet (its header
     * and the body every recipient of a broadcast shares, never copied per recipient), or packets of large
     * bodies. The many small packets of a busy unicast session are cheaper copied once than handed to the
     * socket as an I/O vector and a {@code ByteBuffer} each.
     */
    private static boolean worthGathering(CompositeByteBuf packets) {
        int parts = packets.numComponents();
        return parts <= 2 || packets.readableBytes() / parts >= MIN_AVERAGE_PART_GATHERED;
    }

    /**
     * {@code packets} in one buffer, {@code packets} released: Netty's own I/O buffer, as Netty would copy
     * them into for the socket, which lives only until it is written. Read part by part into it: writing the
     * composite into it made Netty first merge the parts into a new heap array, as many bytes again per message.
     */
    private ByteBuf copied(CompositeByteBuf packets) {
        try {
            int length = packets.readableBytes();
            ByteBuf copy = channel.alloc().ioBuffer(length);
            packets.readBytes(copy, length);
            return copy;
        } finally {
            packets.release();
        }
    }

    /** Writes {@code batch} as one DATA frame. */
    private void write(List<OutboxEntry.Outgoing> batch) {
        CompositeByteBuf packets = channel.alloc().compositeBuffer(2 * batch.size());
        ByteBuf headers = writeQueue.buffer(PushPacket.HEADER_BYTES * batch.size());
        for (OutboxEntry.Outgoing outgoing : batch) {
            EncodedMessage message = outgoing.message();
            PushPacketWriter.append(packets, headers, outgoing.seq(),
                    PushPacket.flags(message.ackRequired(), outgoing.redelivery()), message.body(), message.metaLength());
        }
        headers.release();
        int size = packets.readableBytes();
        int count = batch.size();
        inFlightBytes += size;
        lastWrittenSeq = batch.get(count - 1).seq();
        channel.write(transport.packets(worthGathering(packets) ? packets : copied(packets))).addListener(written -> {
            inFlightBytes -= size;
            if (written.isSuccess()) {
                statistics.countSent(count);
                if (stalled) {
                    // Later, not from inside Netty's flush, so that completions never nest. Only then:
                    // what the outbox takes meanwhile wakes the session itself (PushServer.accept).
                    wake();
                }
            }
        });
    }
}
