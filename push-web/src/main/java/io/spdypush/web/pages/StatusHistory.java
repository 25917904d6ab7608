package io.spdypush.web.pages;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MessageCounts;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last ten minutes of the adapter's figures, one sample every two seconds, from which the
 * dashboard draws its charts: the adapter only counts since its start, so rates and the latency
 * of the last minute come from the difference between two samples.
 */
@Singleton
@Startup
public class StatusHistory {

    public static final int INTERVAL_SECONDS = 2;
    static final int CAPACITY = 10 * 60 / INTERVAL_SECONDS;
    /** The window of the recent delivery latency. */
    static final long LATENCY_WINDOW_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(StatusHistory.class.getName());

    @EJB
    private PushService push;

    private final Deque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private boolean adapterWasDown;

    /**
     * The figures at one moment; the rates are per second since the sample before (0 for the first,
     * and after the adapter restarted, when its counts began again at zero).
     *
     * @param at               epoch milliseconds
     * @param sentPerSecond    push packets written per second
     * @param ackedPerSecond   copies acknowledged per second
     * @param refusedPerSecond copies refused per second
     * @param p50Micros        median delivery latency since the adapter started
     * @param p99Micros        99th percentile of the delivery latency since the adapter started
     * @param recentP50Micros  median delivery latency of the copies acknowledged in the last minute,
     *                         interpolated in the adapter's histogram buckets; null when there were none
     * @param recentP99Micros  the same, 99th percentile
     */
    public record Sample(long at, int sessionsOnline, long pendingMessages, long sent, long acknowledged,
                         long refused, double sentPerSecond, double ackedPerSecond, double refusedPerSecond,
                         long p50Micros, long p99Micros, Long recentP50Micros, Long recentP99Micros) {
    }

    /** A sample and the latency histogram it was taken with, for the windows of later ones. */
    private record Entry(Sample sample, List<LatencySummary.Bucket> buckets) {
    }

    @Schedule(second = "*/" + INTERVAL_SECONDS, minute = "*", hour = "*", persistent = false)
    @Lock(LockType.WRITE)
    void sample() {
        try {
            add(System.currentTimeMillis(), push.status());
            adapterWasDown = false;
        } catch (RuntimeException e) {
            if (!adapterWasDown) {
                LOG.log(Level.WARNING, "No status sample for the dashboard: {0}", e.toString());
            }
            adapterWasDown = true;
        }
    }

    /** Oldest first. */
    @Lock(LockType.READ)
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(entries.size());
        entries.forEach(entry -> samples.add(entry.sample()));
        return samples;
    }

    void add(long at, AdapterStatus status) {
        List<LatencySummary.Bucket> windowStart = entries.stream()
                .filter(entry -> entry.sample().at() >= at - LATENCY_WINDOW_MILLIS)
                .findFirst().map(Entry::buckets).orElse(List.of());
        Sample previous = entries.isEmpty() ? null : entries.peekLast().sample();
        entries.addLast(new Entry(next(previous, windowStart, at, status), status.deliveryLatency().buckets()));
        while (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    /**
     * The cumulative bucket counts of the copies acknowledged since {@code before} was taken: all of
     * {@code now} when there is no earlier histogram or the adapter restarted in between.
     */
    static List<Long> recent(List<LatencySummary.Bucket> before, List<LatencySummary.Bucket> now) {
        boolean comparable = before.size() == now.size();  // empty: no histogram before
        for (int i = 0; comparable && i < now.size(); i++) {
            comparable = now.get(i).count() >= before.get(i).count();
        }
        List<Long> counts = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            counts.add(now.get(i).count() - (comparable ? before.get(i).count() : 0));
        }
        return counts;
    }

    /**
     * The q-quantile of cumulative bucket counts, interpolated linearly inside its bucket as
     * Prometheus' histogram_quantile does; null when the counts are all zero.
     */
    static Long quantile(double q, List<LatencySummary.Bucket> bounds, List<Long> cumulative) {
        long total = cumulative.isEmpty() ? 0 : cumulative.get(cumulative.size() - 1);
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        for (int i = 0; i < cumulative.size(); i++) {
            if (cumulative.get(i) >= rank) {
                long lowerBound = i == 0 ? 0 : bounds.get(i - 1).upperBoundMicros();
                long lowerCount = i == 0 ? 0 : cumulative.get(i - 1);
                long inBucket = cumulative.get(i) - lowerCount;
                double fraction = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
                return Math.round(lowerBound + (bounds.get(i).upperBoundMicros() - lowerBound) * fraction);
            }
        }
        return bounds.get(bounds.size() - 1).upperBoundMicros();
    }

    /**
     * The sample after {@code previous}, its recent latency that of the copies acknowledged since the
     * histogram {@code windowStart} (empty: since the adapter started).
     */
    static Sample next(Sample previous, List<LatencySummary.Bucket> windowStart, long at, AdapterStatus status) {
        List<LatencySummary.Bucket> buckets = status.deliveryLatency().buckets();
        List<Long> recent = recent(windowStart, buckets);
        MessageCounts counts = status.messages();
        long refused = counts.refused().values().stream().mapToLong(Long::longValue).sum();
        double seconds = previous == null ? 0 : (at - previous.at()) / 1000.0;
        boolean comparable = seconds > 0 && counts.sent() >= previous.sent()
                && counts.acknowledged() >= previous.acknowledged() && refused >= previous.refused();
        return new Sample(at, status.sessionsOnline(), status.pendingMessages(), counts.sent(),
                counts.acknowledged(), refused,
                comparable ? (counts.sent() - previous.sent()) / seconds : 0,
                comparable ? (counts.acknowledged() - previous.acknowledged()) / seconds : 0,
                comparable ? (refused - previous.refused()) / seconds : 0,
                status.deliveryLatency().p50Micros(), status.deliveryLatency().p99Micros(),
                quantile(0.5, buckets, recent), quantile(0.99, buckets, recent));
    }
}
