package io.spdypush.rar.statistics;

import io.spdypush.api.LatencySummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class DeliveryLatencyTest {

    private final DeliveryLatency latency = new DeliveryLatency();

    @Test
    void bucketsCountCumulativelyAtTheirUpperBounds() {
        record(TimeUnit.MICROSECONDS, 200);
        record(TimeUnit.MILLISECONDS, 3);
        record(TimeUnit.MILLISECONDS, 3);
        record(TimeUnit.SECONDS, 30);

        LatencySummary summary = latency.summary();

        assertThat(summary.count(), is(4L));
        assertThat(summary.sumMicros(), is(200L + 3_000 + 3_000 + 30_000_000));
        assertThat(summary.buckets().stream().map(LatencySummary.Bucket::upperBoundMicros).toList(),
                contains(500L, 1_000L, 2_500L, 5_000L, 10_000L, 25_000L, 50_000L, 100_000L, 250_000L, 500_000L,
                        1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L));
        assertThat("30 s is only in +Inf", summary.buckets().stream().map(LatencySummary.Bucket::count).toList(),
                contains(1L, 1L, 1L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L));
    }

    @Test
    void percentilesAreWithinOnePercent() {
        for (int millis = 1; millis <= 100; millis++) {
            record(TimeUnit.MILLISECONDS, millis);
        }

        LatencySummary summary = latency.summary();

        assertThat((double) summary.p50Micros(), closeTo(50_000, 500));
        assertThat((double) summary.p90Micros(), closeTo(90_000, 900));
        assertThat((double) summary.p99Micros(), closeTo(99_000, 990));
        assertThat((double) summary.maxMicros(), closeTo(100_000, 1_000));
    }

    @Test
    void aSummaryKeepsWhatEarlierSummariesSaw() {
        record(TimeUnit.MILLISECONDS, 1);
        latency.summary();
        record(TimeUnit.MILLISECONDS, 2);

        assertThat(latency.summary().count(), is(2L));
    }

    @Test
    void valuesOutsideOneMicrosecondToOneHourAreClampedNotLost() {
        latency.record(0);
        record(TimeUnit.HOURS, 5);

        LatencySummary summary = latency.summary();

        assertThat(summary.count(), is(2L));
        assertThat(summary.sumMicros(), is(1L + TimeUnit.HOURS.toMicros(1)));
        double hour = TimeUnit.HOURS.toMicros(1);
        assertThat((double) summary.maxMicros(), closeTo(hour, hour / 100));
        assertThat(summary.buckets().stream().map(LatencySummary.Bucket::count).toList().get(0), is(1L));
    }

    @Test
    void noRecordsGiveZeros() {
        LatencySummary summary = latency.summary();
        assertThat(List.of(summary.count(), summary.sumMicros(), summary.p50Micros(), summary.maxMicros()),
                contains(0L, 0L, 0L, 0L));
    }

    private void record(TimeUnit unit, long amount) {
        latency.record(unit.toNanos(amount));
    }
}
