package io.spdypush.api;

import java.util.List;

/**
 * The delivery latency of the copies acknowledged since the adapter started: from the moment a
 * copy was accepted into its client's outbox to its acknowledgement, in microseconds. Copies the
 * adapter restored from its outbox file after a restart have no accept time of this run and are
 * left out. Percentiles are exact to about 1%; values above an hour count as an hour.
 *
 * @param count      acknowledged copies measured
 * @param sumMicros  their latencies added up
 * @param p50Micros  the median
 * @param p90Micros  the 90th percentile
 * @param p99Micros  the 99th percentile
 * @param p999Micros the 99.9th percentile
 * @param maxMicros  the largest
 * @param buckets    cumulative counts at fixed upper bounds, in ascending order (a Prometheus histogram)
 */
public record LatencySummary(long count, long sumMicros, long p50Micros, long p90Micros, long p99Micros,
                             long p999Micros, long maxMicros, List<Bucket> buckets) {

    public LatencySummary {
        buckets = List.copyOf(buckets);
    }

    /**
     * @param upperBoundMicros the bucket's inclusive upper bound
     * @param count            copies measured at or below it
     */
    public record Bucket(long upperBoundMicros, long count) {
    }
}
