package io.spdypush.rar.outbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboxTest {

    private static final byte[] META = "id: x\n".getBytes();

    @Test
    void givesStrictlyIncreasingSeqsStartingAtOne() {
        Outbox outbox = new Outbox(10, 1024);
        assertThat(accept(outbox, "a"), is(1L));
        assertThat(accept(outbox, "b"), is(2L));
        assertThat(accept(outbox, "c"), is(3L));
    }

    @Test
    void refusesBeyondItsMessageCountAndSaysWhy() {
        Outbox outbox = new Outbox(2, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        assertThat(outbox.accept("c", META, new byte[1]).isPresent(), is(false));
        assertThat(outbox.fullReason(), containsString("outbox full: 2 messages"));
    }

    @Test
    void refusesBeyondItsByteLimit() {
        Outbox outbox = new Outbox(100, 20);
        assertThat(outbox.accept("a", META, new byte[10]).isPresent(), is(true));
        assertThat(outbox.accept("b", META, new byte[10]).isPresent(), is(false));
    }

    @Test
    void acknowledgesCumulativelyAndFreesRoom() {
        Outbox outbox = new Outbox(3, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        accept(outbox, "c");
        outbox.takeForSending(0, Long.MAX_VALUE);
        assertThat(outbox.acknowledge(2), is(2L));
        assertThat(outbox.size(), is(1));
        assertThat(accept(outbox, "d"), is(4L));
    }

    @Test
    void refusesAnAckAboveTheHighestSeqSent() {
        Outbox outbox = new Outbox(10, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        outbox.takeForSending(0, Long.MAX_VALUE);
        accept(outbox, "c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outbox.acknowledge(3));
        assertThat(e.getMessage(), containsString("above the highest seq sent, 2"));
    }

    @Test
    void anOlderAckDoesNotLowerWhatIsAcknowledged() {
        Outbox outbox = new Outbox(10, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        outbox.takeForSending(0, Long.MAX_VALUE);
        outbox.acknowledge(2);
        assertThat(outbox.acknowledge(1), is(2L));
    }

    @Test
    void marksEntriesSentBeforeAsRedeliveries() {
        Outbox outbox = new Outbox(10, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        assertThat(redeliveryFlags(outbox.takeForSending(0, Long.MAX_VALUE)), contains(false, false));
        accept(outbox, "c");
        assertThat(redeliveryFlags(outbox.takeForSending(0, Long.MAX_VALUE)), contains(true, true, false));
    }

    @Test
    void takesOnlyWhatComesAfterTheCursor() {
        Outbox outbox = new Outbox(10, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        accept(outbox, "c");
        assertThat(outbox.takeForSending(2, Long.MAX_VALUE).stream().map(o -> o.entry().seq()).toList(), contains(3L));
        assertThat(outbox.takeForSending(3, Long.MAX_VALUE), is(empty()));
    }

    @Test
    void takesNoMoreThanTheByteBudgetButAlwaysOneEntry() {
        Outbox outbox = new Outbox(10, 1024);
        outbox.accept("a", META, new byte[100]);
        outbox.accept("b", META, new byte[100]);
        outbox.accept("c", META, new byte[100]);
        assertThat(outbox.takeForSending(0, 250).stream().map(o -> o.entry().seq()).toList(), contains(1L, 2L));
        assertThat(outbox.highestSent(), is(2L));
        assertThat(outbox.takeForSending(2, 10).stream().map(o -> o.entry().seq()).toList(), contains(3L));
    }

    @Test
    void resumingDropsWhatTheClientProcessedButNeverWhatWasNotSent() {
        Outbox outbox = new Outbox(10, 1024);
        accept(outbox, "a");
        accept(outbox, "b");
        outbox.takeForSending(0, Long.MAX_VALUE);
        accept(outbox, "c");
        outbox.resumeAfter(99);
        assertThat(outbox.highestAcknowledged(), is(2L));
        assertThat(outbox.size(), is(1));
    }

    private static long accept(Outbox outbox, String id) {
        return outbox.accept(id, META, new byte[1]).orElseThrow().seq();
    }

    private static List<Boolean> redeliveryFlags(List<OutboxEntry.Outgoing> outgoing) {
        return outgoing.stream().map(OutboxEntry.Outgoing::redelivery).toList();
    }
}
