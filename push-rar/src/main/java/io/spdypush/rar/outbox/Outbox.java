package io.spdypush.rar.outbox;

import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.statistics.MessageStatistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The messages of one client id that are accepted but not yet acknowledged, in seq order.
 * It belongs to the client, not to a session, so a reconnect or a takeover loses nothing.
 * Bounded by count and bytes (docs/PROTOCOL.md §6); a message with a collapse key replaces a
 * not-yet-sent one with the same key, and expired messages are dropped instead of sent (§2).
 * Thread-safe: senders add from any thread, the session's event loop takes and acknowledges.
 * What becomes of its messages is counted in the adapter's {@link MessageStatistics}, and its size
 * in the adapter's {@link OutboxSizes}.
 */
public final class Outbox {

    private final int maxMessages;
    private final long maxBytes;
    private final MessageStatistics statistics;
    private final OutboxSizes sizes;
    private final NavigableMap<Long, OutboxEntry> pending = new TreeMap<>();
    /** The seq of the latest message with each collapse key that is still pending. */
    private final Map<String, Long> seqByCollapseKey = new HashMap<>();
    private long bytes;
    private long lastAssignedSeq;
    private long highestSent;
    private long highestAcknowledged;
    /**
     * The highest seq a session of the client may have taken since the adapter started: the
     * client's acknowledgements may cover every seq below it, so none of them can be given again.
     */
    private long highestTaken;
    /** Ids of messages that expired since {@link #drainExpired()} was last called. */
    private List<String> expiredIds = new ArrayList<>();
    /** The seq of each pending message id, so that handing the same message in again is harmless. */
    private final Map<String, Long> seqByMessageId = new HashMap<>();
    /** The ids of messages cancelled after a session was given them, by seq; made at the first (rare) one. */
    private NavigableMap<Long, String> sentThenCancelled;

    /**
     * @param lastAssignedSeq the seq after which this outbox numbers its messages (see {@link SeqFloor})
     * @param statistics      the adapter's, shared by every outbox
     * @param sizes           the adapter's, shared by every outbox
     */
    public Outbox(int maxMessages, long maxBytes, long lastAssignedSeq, MessageStatistics statistics,
                  OutboxSizes sizes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.statistics = statistics;
        this.sizes = sizes;
        this.lastAssignedSeq = lastAssignedSeq;
        this.highestSent = lastAssignedSeq;
        // Nothing acknowledged yet: a client resuming with a seq from before a restart sets it (resumeAfter),
        // and a message handed back under a seq up to that one is not sent again (acceptAgain).
        this.highestAcknowledged = 0;
    }

    /** An outbox as {@link #snapshot()} saw it, for an adapter that stops and starts again. */
    public record Snapshot(long lastAssignedSeq, long highestSent, long highestAcknowledged,
                           List<OutboxEntry> entries) {
    }

    /** An outbox holding what {@code snapshot} holds; it takes over the entries' references. */
    public static Outbox restore(int maxMessages, long maxBytes, Snapshot snapshot, MessageStatistics statistics,
                                 OutboxSizes sizes) {
        Outbox outbox = new Outbox(maxMessages, maxBytes, snapshot.lastAssignedSeq(), statistics, sizes);
        outbox.highestSent = snapshot.highestSent();
        outbox.highestAcknowledged = snapshot.highestAcknowledged();
        for (OutboxEntry entry : snapshot.entries()) {
            outbox.pending.put(entry.seq(), entry);
            outbox.bytes += entry.bytes();
            if (entry.message().collapseKey() != null) {
                outbox.seqByCollapseKey.put(entry.message().collapseKey(), entry.seq());
            }
            outbox.seqByMessageId.put(entry.message().messageId(), entry.seq());
        }
        sizes.resized(0, outbox.pending.size());
        return outbox;
    }

    /** What this outbox holds now; the entries stay owned by the outbox. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(lastAssignedSeq, highestSent, highestAcknowledged, List.copyOf(pending.values()));
    }

    /** What an acknowledgement or a resume delivered: the highest seq acknowledged and the message ids. */
    public record Acknowledged(long seq, List<String> messageIds) {
    }

    /**
     * Gives the message the client's next seq and keeps a reference to it, replacing a
     * not-yet-sent message with the same collapse key. A message whose id is already pending
     * keeps the seq it has: a sender that retries, or re-sends after a restart, sends it once.
     *
     * @return the seq, or empty when the outbox is full (see {@link #fullReason()})
     */
    public synchronized OptionalLong accept(EncodedMessage message, long nowMillis) {
        int before = pending.size();
        try {
            return add(message, nowMillis);
        } finally {
            sizes.resized(before, pending.size());
        }
    }

    private OptionalLong add(EncodedMessage message, long nowMillis) {
        Long pendingSeq = seqByMessageId.get(message.messageId());
        if (pendingSeq != null) {
            return OptionalLong.of(pendingSeq);
        }
        if (!hasRoomFor(message.bytes(), nowMillis)) {
            return OptionalLong.empty();
        }
        if (message.collapseKey() != null) {
            Long replaced = seqByCollapseKey.get(message.collapseKey());
            if (replaced != null && replaced > highestSent && remove(replaced)) {
                statistics.countCollapsed();
            }
        }
        OutboxEntry entry = new OutboxEntry(++lastAssignedSeq, message, System.nanoTime());
        keep(entry);
        if (message.collapseKey() != null) {
            seqByCollapseKey.put(message.collapseKey(), entry.seq());
        }
        return OptionalLong.of(entry.seq());
    }

    /** Whether a message of {@code size} bytes fits, once expired messages are dropped if need be. */
    private boolean hasRoomFor(long size, long nowMillis) {
        if (isFullFor(size)) {
            dropExpired(nowMillis);
        }
        return !isFullFor(size);
    }

    /** Keeps a reference to the entry's message and records it as pending; {@link #forget} undoes it. */
    private void keep(OutboxEntry entry) {
        entry.message().body().retain();
        pending.put(entry.seq(), entry);
        bytes += entry.bytes();
        seqByMessageId.put(entry.message().messageId(), entry.seq());
        statistics.countAccepted();
    }

    /**
     * What became of a message handed back after a restart ({@link #acceptAgain}).
     *
     * @param seq       its seq, empty when the outbox is full (see {@link #fullReason()})
     * @param processed the client had processed it already: it is not sent, and counts as acknowledged
     */
    public record HandedBack(OptionalLong seq, boolean processed) {
    }

    /**
     * Takes back a message that this client was given {@code seq} for before a restart, under that seq,
     * as one sent before: it goes out in seq order (below any seq given since) with the REDELIVERY
     * flag, unless the client acknowledged or resumed past it. A message id still pending keeps the seq
     * it has. The message gets a new seq instead, as by {@link #accept}, when a session may have taken
     * a later seq (the client's acknowledgements may then cover this one without its having had it), or
     * when no earlier outbox of the client can have given that seq (not below this outbox's own seqs,
     * or held by another message).
     */
    public synchronized HandedBack acceptAgain(EncodedMessage message, long seq, long nowMillis) {
        Long pendingSeq = seqByMessageId.get(message.messageId());
        if (pendingSeq != null) {
            return new HandedBack(OptionalLong.of(pendingSeq), false);
        }
        if (seq <= highestAcknowledged) {
            return new HandedBack(OptionalLong.of(seq), true);
        }
        int before = pending.size();
        try {
            if (seq <= highestTaken || seq > highestSent || pending.containsKey(seq)) {
                return new HandedBack(add(message, nowMillis), false);
            }
            return new HandedBack(addAgain(message, seq, nowMillis), false);
        } finally {
            sizes.resized(before, pending.size());
        }
    }

    /**
     * Counts every seq up to {@code seq} as taken by a session: for the outbox of a client whose earlier
     * outbox, evicted, may have given a session seqs, all of them up to this one's floor.
     */
    public synchronized void takenUpTo(long seq) {
        highestTaken = Math.max(highestTaken, seq);
    }

    private OptionalLong addAgain(EncodedMessage message, long seq, long nowMillis) {
        if (!hasRoomFor(message.bytes(), nowMillis)) {
            return OptionalLong.empty();
        }
        keep(OutboxEntry.restored(seq, message));
        if (message.collapseKey() != null) {
            // It counts as sent before: it replaces nothing, and a later message pending with its key stays the one
            // that a newer message with the key replaces.
            seqByCollapseKey.merge(message.collapseKey(), seq, Math::max);
        }
        return OptionalLong.of(seq);
    }

    /** Why {@link #accept} refused, in words for the sender. */
    public synchronized String fullReason() {
        return "outbox full: " + pending.size() + " messages, " + bytes + " bytes pending (limits "
                + maxMessages + " messages, " + maxBytes + " bytes)";
    }

    /**
     * Takes entries after {@code afterSeq} for sending, in seq order, up to about
     * {@code byteBudget} bytes (always at least one, however large), and records them as sent.
     * Expired entries on the way are dropped. An entry that some session was given before goes
     * out as a redelivery. An entry that needs no acknowledgement (at most once) leaves the
     * outbox as it is taken. The caller releases each {@link OutboxEntry.Outgoing}'s body.
     */
    public synchronized List<OutboxEntry.Outgoing> takeForSending(long afterSeq, long byteBudget, long nowMillis) {
        int before = pending.size();
        List<OutboxEntry.Outgoing> toSend = new ArrayList<>();
        long bytesTaken = 0;
        Iterator<OutboxEntry> entries = pending.tailMap(afterSeq, false).values().iterator();
        while (entries.hasNext()) {
            OutboxEntry entry = entries.next();
            if (droppedIfExpired(entries, entry, nowMillis)) {
                continue;
            }
            if (!toSend.isEmpty() && bytesTaken + entry.bytes() > byteBudget) {
                break;
            }
            entry.message().body().retain();
            toSend.add(new OutboxEntry.Outgoing(entry.seq(), entry.message(), entry.seq() <= highestSent));
            bytesTaken += entry.bytes();
            if (!entry.message().ackRequired()) {
                entries.remove();
                forget(entry);
            }
        }
        if (!toSend.isEmpty()) {
            highestSent = Math.max(highestSent, toSend.get(toSend.size() - 1).seq());
            highestTaken = Math.max(highestTaken, toSend.get(toSend.size() - 1).seq());
        }
        sizes.resized(before, pending.size());
        return toSend;
    }

    /** The highest seq handed to a session so far. */
    public synchronized long highestSent() {
        return highestSent;
    }

    /**
     * Acknowledges every entry with seq up to {@code seq} (cumulative, docs/PROTOCOL.md §3.1).
     *
     * @return the highest seq now acknowledged, and the ids of the messages this acknowledged
     * @throws IllegalArgumentException when {@code seq} is above the highest seq sent
     */
    public synchronized Acknowledged acknowledge(long seq) {
        if (seq > highestSent) {
            throw new IllegalArgumentException("ack " + seq + " is above the highest seq sent, " + highestSent);
        }
        return dropUpTo(seq);
    }

    /**
     * Applies a resuming client's {@code push-last-seq}: everything up to it was processed.
     * A value above anything sent is taken as far as it goes, since the client cannot have more.
     */
    public synchronized Acknowledged resumeAfter(long lastSeq) {
        return dropUpTo(Math.min(lastSeq, highestSent));
    }

    /**
     * Drops the messages expired by {@code nowMillis}: for the outbox of a client that is offline,
     * where no session takes them and no send may come to drop them.
     */
    public synchronized void expire(long nowMillis) {
        int before = pending.size();
        dropExpired(nowMillis);
        sizes.resized(before, pending.size());
    }

    /** The ids of the messages that expired since the last call, for the senders' receipts. */
    public synchronized List<String> drainExpired() {
        if (expiredIds.isEmpty()) {
            return List.of();
        }
        List<String> drained = expiredIds;
        expiredIds = new ArrayList<>();
        return drained;
    }

    /** The seq this outbox gave last: the next outbox of the client must start above it. */
    public synchronized long lastAssignedSeq() {
        return lastAssignedSeq;
    }

    /** The highest seq a session of the client may have taken since the adapter started; 0 when none. */
    public synchronized long highestTaken() {
        return highestTaken;
    }

    public synchronized long highestAcknowledged() {
        return highestAcknowledged;
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Takes the message out, sent or not, so that it is not sent (again); its seq stays used. When a session was
     * given it already, only its id is kept, until an acknowledgement reaches its seq and tells of it with the
     * others: the client had it.
     *
     * @return whether it was pending
     */
    public synchronized boolean cancel(String messageId) {
        Long seq = seqByMessageId.get(messageId);
        if (seq == null) {
            return false;
        }
        int before = pending.size();
        remove(seq);
        if (seq <= highestSent) {
            if (sentThenCancelled == null) {
                sentThenCancelled = new TreeMap<>();
            }
            sentThenCancelled.put(seq, messageId);
        }
        sizes.resized(before, pending.size());
        return true;
    }

    /** Releases every entry: for an adapter that stops after saving what it must keep. */
    public synchronized void clear() {
        sizes.resized(pending.size(), 0);
        pending.values().forEach(this::forgetBody);
        pending.clear();
        seqByCollapseKey.clear();
        seqByMessageId.clear();
        bytes = 0;
    }

    private boolean isFullFor(long size) {
        return pending.size() >= maxMessages || bytes + size > maxBytes;
    }

    private void dropExpired(long nowMillis) {
        Iterator<OutboxEntry> entries = pending.values().iterator();
        while (entries.hasNext()) {
            droppedIfExpired(entries, entries.next(), nowMillis);
        }
    }

    /** Drops {@code entry}, the last one {@code entries} gave, when it has expired. */
    private boolean droppedIfExpired(Iterator<OutboxEntry> entries, OutboxEntry entry, long nowMillis) {
        if (!entry.message().isExpiredAt(nowMillis)) {
            return false;
        }
        entries.remove();
        forget(entry);
        statistics.countExpired();
        expiredIds.add(entry.message().messageId());
        return true;
    }

    /** Acknowledges every pending entry up to {@code seq}, each with its delivery latency. */
    private Acknowledged dropUpTo(long seq) {
        int before = pending.size();
        NavigableMap<Long, OutboxEntry> acknowledged = pending.headMap(seq, true);
        List<String> messageIds = new ArrayList<>(acknowledged.size());
        if (sentThenCancelled != null) {
            NavigableMap<Long, String> cancelled = sentThenCancelled.headMap(seq, true);
            messageIds.addAll(cancelled.values());
            cancelled.clear();
        }
        long now = System.nanoTime();
        for (OutboxEntry entry : acknowledged.values()) {
            messageIds.add(entry.message().messageId());
            if (entry.isTimed()) {
                statistics.recordDeliveryLatency(now - entry.acceptedAtNanos());
            }
            forget(entry);
        }
        statistics.countAcknowledged(messageIds.size());
        acknowledged.clear();
        sizes.resized(before, pending.size());
        highestAcknowledged = Math.max(highestAcknowledged, seq);
        return new Acknowledged(highestAcknowledged, messageIds);
    }

    private boolean remove(long seq) {
        OutboxEntry entry = pending.remove(seq);
        if (entry != null) {
            forget(entry);
        }
        return entry != null;
    }

    /** Undoes what {@link #accept} recorded for an entry that has left {@code pending}. */
    private void forget(OutboxEntry entry) {
        bytes -= entry.bytes();
        String collapseKey = entry.message().collapseKey();
        if (collapseKey != null) {
            seqByCollapseKey.remove(collapseKey, entry.seq());
        }
        seqByMessageId.remove(entry.message().messageId(), entry.seq());
        forgetBody(entry);
    }

    private void forgetBody(OutboxEntry entry) {
        entry.message().body().release();
    }
}
