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
import static org.hamcrest.Matchers.nullValue;

class StatusHistoryTest {

    @Test
    void ratesArePerSecondSinceTheSampleBefore() {
        StatusHistory.Sample first = StatusHistory.next(null, List.of(), 10_000, status(0, 0, Map.of()));
        StatusHistory.Sample second = StatusHistory.next(first, List.of(), 12_000, status(10, 6, Map.of("outbox-full", 4L)));

        assertThat(first.sentPerSecond(), is(0.0));
        assertThat(second.sentPerSecond(), closeTo(5.0, 1e-9));
        assertThat(second.ackedPerSecond(), closeTo(3.0, 1e-9));
        assertThat(second.refusedPerSecond(), closeTo(2.0, 1e-9));
        assertThat(second.refused(), is(4L));
    }

    @Test
    void countsThatWentBackMeanTheAdapterRestartedAndGiveNoRate() {
        StatusHistory.Sample before = StatusHistory.next(null, List.of(), 10_000, status(100, 100, Map.of()));
        StatusHistory.Sample after = StatusHistory.next(before, List.of(), 12_000, status(3, 3, Map.of()));

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

    @Test
    void recentLatencyIsInterpolatedInTheBucketsOfTheLastMinuteAlone() {
        List<LatencySummary.Bucket> before = buckets(100, 100, 100);
        List<LatencySummary.Bucket> now = buckets(100, 110, 200);

        List<Long> recent = StatusHistory.recent(before, now);

        assertThat(recent, contains(0L, 10L, 100L));
        // rank 50 of 100 lies in (1000, 2000]: 40 of its 90 copies in, 1000 + 1000 * 40 / 90
        assertThat(StatusHistory.quantile(0.5, now, recent), is(1444L));
        assertThat(StatusHistory.quantile(0.99, now, recent), is(1989L));
    }

    @Test
    void noCopyAcknowledgedInTheWindowHasNoRecentLatency() {
        List<LatencySummary.Bucket> same = buckets(5, 5, 5);
        assertThat(StatusHistory.quantile(0.5, same, StatusHistory.recent(same, same)), is(nullValue()));
    }

    @Test
    void anAdapterRestartedInTheWindowCountsFromItsStart() {
        assertThat(StatusHistory.recent(buckets(50, 60, 70), buckets(1, 2, 3)), contains(1L, 2L, 3L));
    }

    /** Cumulative counts at 500 µs, 1 ms and 2 ms. */
    private static List<LatencySummary.Bucket> buckets(long upTo500, long upTo1000, long upTo2000) {
        return List.of(new LatencySummary.Bucket(500, upTo500), new LatencySummary.Bucket(1000, upTo1000),
                new LatencySummary.Bucket(2000, upTo2000));
    }

    private static AdapterStatus status(long sent, long acknowledged, Map<String, Long> refused) {
        return new AdapterStatus("0.0.0.0", 7070, 1, 1, 0, 1, sent - acknowledged, 0, 0,
                new MessageCounts(sent, refused, sent, acknowledged, 0, 0),
                new LatencySummary(acknowledged, 0, 1000, 2000, 3000, 4000, 5000, List.of()), Map.of(), List.of(),
                true);
    }
}
