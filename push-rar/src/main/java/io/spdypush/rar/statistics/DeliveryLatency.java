package io.spdypush.rar.statistics;

import io.spdypush.api.LatencySummary;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The delivery latencies of acknowledged copies, in microseconds, in an HdrHistogram. Event loops and
 * senders write wait-free into a {@link Recorder}; a summary moves what they wrote into the histogram
 * of everything since start, on the reader's thread.
 */
final class DeliveryLatency {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Upper bounds of the Prometheus buckets, 0.5 ms to 10 s; beyond is the implicit +Inf bucket. */
    static final long[] BUCKET_UPPER_BOUNDS_MICROS = {500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000,
            250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000};
    /** Within 1%, enough for a dashboard's percentiles; 3 digits take seven times the memory (190 KB a histogram). */
    private static final int SIGNIFICANT_DIGITS = 2;

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    /** Exact, for Prometheus' {@code _sum}: the histogram only knows its buckets. */
    private final LongAdder sumMicros = new LongAdder();
    private final Histogram sinceStart = new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records one copy's latency, clamped to 1 µs - 1 h so that no value is lost. */
    void record(long nanos) {
        long micros = Math.min(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)), HIGHEST_MICROS);
        recorder.recordValue(micros);
        sumMicros.add(micros);
    }

    /**
     * Everything recorded since start. The sum may be ahead of or behind the histogram by the few
     * values being recorded at this moment; the next summary catches up.
     */
    synchronized LatencySummary summary() {
        interval = recorder.getIntervalHistogram(interval);
        sinceStart.add(interval);
        List<LatencySummary.Bucket> buckets = new ArrayList<>(BUCKET_UPPER_BOUNDS_MICROS.length);
        for (long bound : BUCKET_UPPER_BOUNDS_MICROS) {
            buckets.add(new LatencySummary.Bucket(bound, sinceStart.getCountBetweenValues(0, bound)));
        }
        return new LatencySummary(sinceStart.getTotalCount(), sumMicros.sum(),
                sinceStart.getValueAtPercentile(50), sinceStart.getValueAtPercentile(90),
                sinceStart.getValueAtPercentile(99), sinceStart.getValueAtPercentile(99.9),
                sinceStart.getMaxValue(), buckets);
    }
}
