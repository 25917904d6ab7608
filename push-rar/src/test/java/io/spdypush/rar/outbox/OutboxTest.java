package io.spdypush.rar.outbox;

import io.netty.buffer.ByteBuf;
import io.spdypush.api.LatencySummary;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.statistics.MessageStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboxTest {

    private static final long NOW = 1_000_000L;
    private final MemoryPool pool = new MemoryPool("message", Long.MAX_VALUE, true);
    private final MessageStatistics statistics = new MessageStatistics();
    private final OutboxSizes sizes = new OutboxSizes(10);

    @AfterEach
    void everyBodyIsGivenBack() {
        assertThat("live bytes in the pool", pool.stats().liveBytes(), is(0L));
    }

    @Test
    void givesStrictlyIncreasingSeqsAfterItsFloor() {
        Outbox outbox = new Outbox(10, 1024, 500, statistics, sizes);
        assertThat(accept(outbox, "a"), is(501L));
        assertThat(accept(outbox, "b"), is(502L));
        assertThat(accept(outbox, "c"), is(503L));
        outbox.clear();
    }

    @Test
    void aNewOutboxStartsAboveEverySeqAnEarlierOneGaveOutAtAReasonableRate() {
        long earlierStart = SeqFloor.at(NOW);
        long earlierLast = earlierStart + 1024L * 60_000; // a minute at 1024 messages per millisecond
        assertThat(SeqFloor.at(NOW + 60_001), greaterThan(earlierLast));
        assertThat("fits a JSON number in the year 2245", SeqFloor.at(8_700_000_000_000L) < (1L << 53), is(true));
    }

    @Test
    void refusesBeyondItsMessageCountAndSaysWhy() {
        Outbox outbox = new Outbox(2, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        assertThat(offer(outbox, "c", 1, 0, null, NOW).isPresent(), is(false));
        assertThat(outbox.fullReason(), containsString("outbox full: 2 messages"));
        outbox.clear();
    }

    @Test
    void refusesBeyondItsByteLimit() {
        Outbox outbox = new Outbox(100, 20, 0, statistics, sizes);
        assertThat(offer(outbox, "a", 15, 0, null, NOW).isPresent(), is(true));
        assertThat(offer(outbox, "b", 15, 0, null, NOW).isPresent(), is(false));
        outbox.clear();
    }

    @Test
    void acknowledgesCumulativelyAndFreesRoom() {
        Outbox outbox = new Outbox(3, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        accept(outbox, "c");
        takeAll(outbox, 0);
        Outbox.Acknowledged acknowledged = outbox.acknowledge(2);
        assertThat(acknowledged.seq(), is(2L));
        assertThat(acknowledged.messageIds(), contains("a", "b"));
        assertThat(outbox.size(), is(1));
        assertThat(accept(outbox, "d"), is(4L));
        outbox.clear();
    }

    @Test
    void aCancelledMessageIsNotSentNorSentAgainAndFreesItsRoom() {
        Outbox outbox = new Outbox(3, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        takeAll(outbox, 0);
        accept(outbox, "c");

        assertThat("sent, not acknowledged", outbox.cancel("b"), is(true));
        assertThat("not sent yet", outbox.cancel("c"), is(true));
        assertThat("gone already", outbox.cancel("c"), is(false));
        assertThat("never accepted", outbox.cancel("z"), is(false));

        assertThat("a resume sends what is left", seqs(takeAll(outbox, 0)), contains(1L));
        assertThat(outbox.size(), is(1));
        assertThat("the client had b: its acknowledgement tells", outbox.acknowledge(2).messageIds(),
                containsInAnyOrder("a", "b"));
        assertThat(outbox.acknowledge(2).messageIds(), is(List.of()));
        assertThat("its seq stays used", accept(outbox, "d"), is(4L));
        outbox.clear();
    }

    @Test
    void refusesAnAckAboveTheHighestSeqSent() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        takeAll(outbox, 0);
        accept(outbox, "c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outbox.acknowledge(3));
        assertThat(e.getMessage(), containsString("above the highest seq sent, 2"));
        outbox.clear();
    }

    @Test
    void anOlderAckDoesNotLowerWhatIsAcknowledged() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        takeAll(outbox, 0);
        outbox.acknowledge(2);
        assertThat(outbox.acknowledge(1).seq(), is(2L));
        assertThat(outbox.acknowledge(1).messageIds(), is(empty()));
    }

    @Test
    void marksEntriesSentBeforeAsRedeliveries() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        assertThat(redeliveryFlags(takeAll(outbox, 0)), contains(false, false));
        accept(outbox, "c");
        assertThat(redeliveryFlags(takeAll(outbox, 0)), contains(true, true, false));
        outbox.clear();
    }

    @Test
    void takesOnlyWhatComesAfterTheCursor() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        accept(outbox, "c");
        assertThat(seqs(takeAll(outbox, 2)), contains(3L));
        assertThat(takeAll(outbox, 3), is(empty()));
        outbox.clear();
    }

    @Test
    void takesNoMoreThanTheByteBudgetButAlwaysOneEntry() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        offer(outbox, "a", 100, 0, null, NOW);
        offer(outbox, "b", 100, 0, null, NOW);
        offer(outbox, "c", 100, 0, null, NOW);
        assertThat(seqs(released(outbox.takeForSending(0, 250, NOW))), contains(1L, 2L));
        assertThat(outbox.highestSent(), is(2L));
        assertThat(seqs(released(outbox.takeForSending(2, 10, NOW))), contains(3L));
        outbox.clear();
    }

    @Test
    void resumingDropsWhatTheClientProcessedButNeverWhatWasNotSent() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "b");
        takeAll(outbox, 0);
        accept(outbox, "c");
        assertThat(outbox.resumeAfter(99).messageIds(), contains("a", "b"));
        assertThat(outbox.highestAcknowledged(), is(2L));
        assertThat(outbox.size(), is(1));
        outbox.clear();
    }

    @Test
    void aCollapseKeyReplacesTheNotYetSentMessageWithTheSameKey() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        offer(outbox, "score-1", 1, 0, "score", NOW);
        offer(outbox, "other", 1, 0, null, NOW);
        offer(outbox, "score-2", 1, 0, "score", NOW);
        List<OutboxEntry.Outgoing> sent = takeAll(outbox, 0);
        assertThat(sent.stream().map(outgoing -> outgoing.message().messageId()).toList(),
                contains("other", "score-2"));
        assertThat(statistics.counts().collapsed(), is(1L));
        outbox.clear();
    }

    @Test
    void aCollapseKeyNeverReplacesAMessageAlreadySent() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        offer(outbox, "score-1", 1, 0, "score", NOW);
        takeAll(outbox, 0);
        offer(outbox, "score-2", 1, 0, "score", NOW);
        assertThat(outbox.size(), is(2));
        assertThat(statistics.counts().collapsed(), is(0L));
        outbox.clear();
    }

    @Test
    void expiredMessagesAreNeverTakenForSendingAndAreCounted() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        offer(outbox, "stale", 1, NOW + 10, null, NOW);
        offer(outbox, "fresh", 1, NOW + 1000, null, NOW);
        List<OutboxEntry.Outgoing> sent = released(outbox.takeForSending(0, Long.MAX_VALUE, NOW + 10));
        assertThat(sent.stream().map(outgoing -> outgoing.message().messageId()).toList(), contains("fresh"));
        assertThat(statistics.counts().expired(), is(1L));
        assertThat(outbox.size(), is(1));
        outbox.clear();
    }

    @Test
    void aFullOutboxMakesRoomByDroppingExpiredMessages() {
        Outbox outbox = new Outbox(1, 1024, 0, statistics, sizes);
        offer(outbox, "stale", 1, NOW + 10, null, NOW);
        assertThat(offer(outbox, "new", 1, 0, null, NOW + 20).isPresent(), is(true));
        assertThat(statistics.counts().expired(), is(1L));
        outbox.clear();
    }

    @Test
    void expiredMessageIdsAreReportedOnce() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        offer(outbox, "stale", 1, NOW + 10, null, NOW);
        takeAll(outbox, 0, NOW + 10);
        assertThat(outbox.drainExpired(), contains("stale"));
        assertThat(outbox.drainExpired(), is(empty()));
    }

    @Test
    void aMessageHandedInAgainWhilePendingKeepsItsSeqAndIsKeptOnce() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        long first = accept(outbox, "same-id");
        assertThat(accept(outbox, "same-id"), is(first));
        assertThat(outbox.size(), is(1));
        outbox.clear();
    }

    @Test
    void countsEachCopyAcceptedOnceAndEachAcknowledgedWithItsLatency() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        accept(outbox, "a");
        accept(outbox, "a");
        accept(outbox, "b");
        accept(outbox, "c");
        takeAll(outbox, 0);
        outbox.acknowledge(2);
        outbox.acknowledge(3);
        assertThat(statistics.counts().accepted(), is(3L));
        assertThat(statistics.counts().acknowledged(), is(3L));
        LatencySummary latency = statistics.deliveryLatency();
        assertThat(latency.count(), is(3L));
        assertThat(latency.maxMicros(), greaterThan(0L));
    }

    @Test
    void anEntryRestoredFromTheOutboxFileIsAcknowledgedWithoutALatency() {
        Outbox outbox = Outbox.restore(10, 1024,
                new Outbox.Snapshot(1, 1, 0, List.of(OutboxEntry.restored(1, encoded("restored", 1, 0, null)))),
                statistics, sizes);
        outbox.acknowledge(1);
        assertThat(statistics.counts().acknowledged(), is(1L));
        assertThat("no accept time of this run", statistics.deliveryLatency().count(), is(0L));
    }

    @Test
    void anAtMostOnceMessageLeavesTheOutboxWhenItIsTaken() {
        Outbox outbox = new Outbox(10, 1024, 0, statistics, sizes);
        EncodedMessage once = new EncodedMessage("once", pool.buffer(1).writeZero(1), 0, 0, null, false);
        outbox.accept(once, NOW);
        once.body().release();
        assertThat(seqs(takeAll(outbox, 0)), contains(1L));
        assertThat(outbox.size(), is(0));
        assertThat("never sent again", takeAll(outbox, 0), is(empty()));
    }

    @Test
    void oneEncodedBodyIsSharedByEveryOutboxAndFreedWithTheLastOne() {
        Outbox first = new Outbox(10, 1024, 0, statistics, sizes);
        Outbox second = new Outbox(10, 1024, 0, statistics, sizes);
        EncodedMessage shared = encoded("broadcast", 100, 0, null);
        first.accept(shared, NOW);
        second.accept(shared, NOW);
        shared.body().release();
        assertThat("one copy of the bytes, in an array of 100's size class", pool.stats().allocatedBytes(), is(112L));
        first.takeForSending(0, Long.MAX_VALUE, NOW).forEach(outgoing -> outgoing.message().body().release());
        first.acknowledge(1);
        assertThat("still held by the second outbox", pool.stats().liveBytes(), is(112L));
        second.clear();
    }

    @Test
    void keepsThePendingMessagesOfAllOutboxesAndTheLargestWithoutWalkingThem() {
        Outbox first = new Outbox(10, 1024, 0, statistics, sizes);
        Outbox second = new Outbox(10, 1024, 0, statistics, sizes);
        accept(first, "a");
        accept(first, "b");
        accept(first, "c");
        accept(second, "d");
        assertThat(List.of(sizes.pendingMessages(), (long) sizes.largestOutbox()), contains(4L, 3L));
        takeAll(first, 0);
        first.acknowledge(2);
        assertThat(List.of(sizes.pendingMessages(), (long) sizes.largestOutbox()), contains(2L, 1L));
        first.clear();
        second.clear();
        assertThat(List.of(sizes.pendingMessages(), (long) sizes.largestOutbox()), contains(0L, 0L));
    }

    @Test
    void countsAnOutboxRestoredAboveTheLimitAsTheLimit() {
        OutboxSizes small = new OutboxSizes(1);
        Outbox outbox = Outbox.restore(10, 1024, new Outbox.Snapshot(2, 2, 0, List.of(
                OutboxEntry.restored(1, encoded("one", 1, 0, null)),
                OutboxEntry.restored(2, encoded("two", 1, 0, null)))), statistics, small);
        assertThat(List.of(small.pendingMessages(), (long) small.largestOutbox()), contains(2L, 1L));
        outbox.acknowledge(2);
        assertThat(List.of(small.pendingMessages(), (long) small.largestOutbox()), contains(0L, 0L));
    }

    @Test
    void takesAMessageBackUnderItsSeqBelowTheFloorAheadOfNewOnesAndAsARedelivery() {
        Outbox outbox = new Outbox(10, 1024, 500, statistics, sizes);
        accept(outbox, "new");
        assertThat(handBack(outbox, "old", 400, NOW).seq(), is(OptionalLong.of(400)));
        assertThat(accept(outbox, "newer"), is(502L));
        List<OutboxEntry.Outgoing> taken = takeAll(outbox, 0);
        assertThat(seqs(taken), contains(400L, 501L, 502L));
        assertThat(redeliveryFlags(taken), contains(true, false, false));
        outbox.clear();
    }

    @Test
    void aMessageHandedBackThatTheClientResumedPastIsProcessedAndNotKept() {
        Outbox outbox = new Outbox(10, 1024, 500, statistics, sizes);
        outbox.resumeAfter(400);
        assertThat(handBack(outbox, "had", 400, NOW), is(new Outbox.HandedBack(OptionalLong.of(400), true)));
        assertThat(handBack(outbox, "missed", 401, NOW), is(new Outbox.HandedBack(OptionalLong.of(401), false)));
        assertThat(seqs(takeAll(outbox, outbox.highestAcknowledged())), contains(401L));
        outbox.clear();
    }

    @Test
    void givesANewSeqToAMessageHandedBackUnderASeqNotBelowItsFloor() {
        Outbox outbox = new Outbox(10, 1024, 500, statistics, sizes);
        assertThat("no earlier outbox gave it", handBack(outbox, "m", 600, NOW).seq(), is(OptionalLong.of(501)));
        assertThat(accept(outbox, "next"), is(502L));
        outbox.clear();
    }

    @Test
    void givesANewSeqToAMessageHandedBackOnceItsSeqIsCountedAsTaken() {
        Outbox outbox = new Outbox(10, 1024, 500, statistics, sizes);
        outbox.takenUpTo(500);
        assertThat(handBack(outbox, "m", 400, NOW).seq(), is(OptionalLong.of(501)));
        outbox.clear();
    }

    @Test
    void aMessageHandedBackCountsAgainstTheLimits() {
        Outbox outbox = new Outbox(1, 1024, 500, statistics, sizes);
        accept(outbox, "new");
        assertThat(handBack(outbox, "old", 400, NOW).seq().isPresent(), is(false));
        outbox.clear();
    }

    /** Hands a message back as the server does after a restart: the outbox keeps a reference of its own. */
    private Outbox.HandedBack handBack(Outbox outbox, String id, long seq, long now) {
        EncodedMessage message = encoded(id, 1, 0, null);
        try {
            return outbox.acceptAgain(message, seq, now);
        } finally {
            message.body().release();
        }
    }

    /** Encodes a message and offers it, as the server does: the outbox keeps a reference of its own. */
    private OptionalLong offer(Outbox outbox, String id, int bytes, long expiresAtMillis, String collapseKey,
                               long now) {
        EncodedMessage message = encoded(id, bytes, expiresAtMillis, collapseKey);
        try {
            return outbox.accept(message, now);
        } finally {
            message.body().release();
        }
    }

    /** Encodes a message; the caller holds one reference. Outboxes retain their own before it is released. */
    private EncodedMessage encoded(String id, int bytes, long expiresAtMillis, String collapseKey) {
        ByteBuf body = pool.buffer(bytes).writeZero(bytes);
        return new EncodedMessage(id, body, 0, expiresAtMillis, collapseKey, true);
    }

    private long accept(Outbox outbox, String id) {
        return offer(outbox, id, 1, 0, null, NOW).orElseThrow();
    }

    private static List<OutboxEntry.Outgoing> takeAll(Outbox outbox, long afterSeq) {
        return takeAll(outbox, afterSeq, NOW);
    }

    private static List<OutboxEntry.Outgoing> takeAll(Outbox outbox, long afterSeq, long now) {
        return released(outbox.takeForSending(afterSeq, Long.MAX_VALUE, now));
    }

    /** Releases the references that taking gave, as the session does once a packet is written. */
    private static List<OutboxEntry.Outgoing> released(List<OutboxEntry.Outgoing> outgoing) {
        outgoing.forEach(entry -> entry.message().body().release());
        return outgoing;
    }

    private static List<Long> seqs(List<OutboxEntry.Outgoing> outgoing) {
        return outgoing.stream().map(OutboxEntry.Outgoing::seq).toList();
    }

    private static List<Boolean> redeliveryFlags(List<OutboxEntry.Outgoing> outgoing) {
        return outgoing.stream().map(OutboxEntry.Outgoing::redelivery).toList();
    }
}
