package io.spdypush.rar.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The messages of one client id that are accepted but not yet acknowledged, in seq order.
 * It belongs to the client, not to a session, so a reconnect or a takeover loses nothing.
 * Bounded by count and bytes (PROTOCOL.md §6). Thread-safe: senders add from any thread,
 * the session's event loop takes and acknowledges.
 */
public final class Outbox {

    private final int maxMessages;
    private final long maxBytes;
    private final NavigableMap<Long, OutboxEntry> pending = new TreeMap<>();
    private long bytes;
    private long lastAssignedSeq;
    private long highestSent;
    private long highestAcknowledged;

    public Outbox(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Gives the message the client's next seq and keeps it, or says why it cannot be kept.
     *
     * @return the entry, or empty when the outbox is full
     */
    public synchronized Optional<OutboxEntry> accept(String messageId, byte[] meta, byte[] payload) {
        long size = (long) meta.length + payload.length;
        if (pending.size() >= maxMessages || bytes + size > maxBytes) {
            return Optional.empty();
        }
        OutboxEntry entry = new OutboxEntry(++lastAssignedSeq, messageId, meta, payload);
        pending.put(entry.seq(), entry);
        bytes += size;
        return Optional.of(entry);
    }

    /** Why {@link #accept} refused, in words for the sender. */
    public synchronized String fullReason() {
        return "outbox full: " + pending.size() + " messages, " + bytes + " bytes pending (limits "
                + maxMessages + " messages, " + maxBytes + " bytes)";
    }

    /**
     * Takes entries after {@code afterSeq} for sending, in seq order, up to about
     * {@code byteBudget} bytes (always at least one, however large), and records them as sent.
     * An entry that some session was given before goes out as a redelivery.
     */
    public synchronized List<OutboxEntry.Outgoing> takeForSending(long afterSeq, long byteBudget) {
        List<OutboxEntry.Outgoing> toSend = new ArrayList<>();
        long bytesTaken = 0;
        for (OutboxEntry entry : pending.tailMap(afterSeq, false).values()) {
            if (!toSend.isEmpty() && bytesTaken + entry.bytes() > byteBudget) {
                break;
            }
            toSend.add(new OutboxEntry.Outgoing(entry, entry.seq() <= highestSent));
            bytesTaken += entry.bytes();
        }
        if (!toSend.isEmpty()) {
            highestSent = Math.max(highestSent, toSend.get(toSend.size() - 1).entry().seq());
        }
        return toSend;
    }

    /** The highest seq handed to a session so far. */
    public synchronized long highestSent() {
        return highestSent;
    }

    /**
     * Acknowledges every entry with seq up to {@code seq} (cumulative, PROTOCOL.md §3.1).
     *
     * @return the highest seq now acknowledged
     * @throws IllegalArgumentException when {@code seq} is above the highest seq sent
     */
    public synchronized long acknowledge(long seq) {
        if (seq > highestSent) {
            throw new IllegalArgumentException("ack " + seq + " is above the highest seq sent, " + highestSent);
        }
        dropUpTo(seq);
        return highestAcknowledged;
    }

    /**
     * Applies a resuming client's {@code push-last-seq}: everything up to it was processed.
     * A value above anything sent is taken as far as it goes, since the client cannot have more.
     */
    public synchronized void resumeAfter(long lastSeq) {
        dropUpTo(Math.min(lastSeq, highestSent));
    }

    public synchronized long highestAcknowledged() {
        return highestAcknowledged;
    }

    public synchronized int size() {
        return pending.size();
    }

    private void dropUpTo(long seq) {
        NavigableMap<Long, OutboxEntry> acknowledged = pending.headMap(seq, true);
        acknowledged.values().forEach(entry -> bytes -= entry.bytes());
        acknowledged.clear();
        highestAcknowledged = Math.max(highestAcknowledged, seq);
    }
}
