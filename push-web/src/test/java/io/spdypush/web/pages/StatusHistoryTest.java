package io.spdypush.web.pages;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MessageCounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

class StatusHistoryTest {

    @Test
    void ratesArePerSecondSinceTheSampleBefore() {
        StatusHistory.Sample first = StatusHistory.next(null, 10_000, status(0, 0, Map.of()));
        StatusHistory.Sample second = StatusHistory.next(first, 12_000, status(10, 6, Map.of("outbox-full", 4L)));

        assertThat(first.sentPerSecond(), is(0.0));
        assertThat(second.sentPerSecond(), closeTo(5.0, 1e-9));
        assertThat(second.ackedPerSecond(), closeTo(3.0, 1e-9));
        assertThat(second.refusedPerSecond(), closeTo(2.0, 1e-9));
        assertThat(second.refused(), is(4L));
    }

    @Test
    void countsThatWentBackMeanTheAdapterRestartedAndGiveNoRate() {
        StatusHistory.Sample before = StatusHistory.next(null, 10_000, status(100, 100, Map.of()));
        StatusHistory.Sample after = StatusHistory.next(before, 12_000, status(3, 3, Map.of()));

        assertThat(after.sentPerSecond(), is(0.0));
        assertThat(after.ackedPerSecond(), is(0.0));
    }

    @Test
    void keepsTenMinutesOfSamplesOldestFirst() {
        StatusHistory history = new StatusHistory();
        for (int i = 0; i < StatusHistory.CAPACITY + 5; i++) {
            history.add(i * 2000L, status(i, i, Map.of()));
        }

        List<StatusHistory.Sample> samples = history.samples();
        assertThat(samples, hasSize(StatusHistory.CAPACITY));
        assertThat(List.of(samples.get(0).at(), samples.get(samples.size() - 1).at()),
                contains(5 * 2000L, (StatusHistory.CAPACITY + 4) * 2000L));
    }

    private static AdapterStatus status(long sent, long acknowledged, Map<String, Long> refused) {
        return new AdapterStatus("0.0.0.0", 7070, 1, 1, 0, 1, sent - acknowledged, 0, 0,
                new MessageCounts(sent, refused, sent, acknowledged, 0, 0),
                new LatencySummary(acknowledged, 0, 1000, 2000, 3000, 4000, 5000, List.of()), Map.of(), List.of());
    }
}
