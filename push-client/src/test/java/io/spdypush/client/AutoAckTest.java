package io.spdypush.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** Auto-acks are cumulative, one in flight, and at most one per interval however fast acks come back. */
class AutoAckTest {

    private final List<Long> sent = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final AutoAck autoAck = new AutoAck(seq -> {
        sent.add(seq);
        return CompletableFuture.completedFuture(seq);
    }, (task, delayNanos) -> {
        scheduled.add(task);
        delays.add(delayNanos);
    });

    @Test
    void anAckAnsweredAtOnceIsFollowedByTheNextOnlyAfterTheIntervalCarryingEverythingProcessedMeanwhile()
            throws Exception {
        autoAck.processed(message(1));
        autoAck.flush();
        autoAck.processed(message(2));
        autoAck.flush();
        autoAck.processed(message(3));
        autoAck.flush();

        assertThat("the first at once, the rest wait", sent, contains(1L));
        assertThat("one flush waits for the interval", scheduled, hasSize(1));
        assertThat(delays.get(0), lessThanOrEqualTo(AutoAck.MIN_INTERVAL_NANOS));

        TimeUnit.NANOSECONDS.sleep(AutoAck.MIN_INTERVAL_NANOS);
        scheduled.remove(0).run();

        assertThat("one ack for both", sent, contains(1L, 3L));
    }

    private static ReceivedMessage message(long seq) {
        return new ReceivedMessage(seq, false, true, Map.of(), new byte[0]);
    }
}
