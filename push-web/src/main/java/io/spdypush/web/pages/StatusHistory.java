package io.spdypush.web.pages;

import io.spdypush.api.AdapterStatus;
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
 * dashboard draws its charts and computes rates: the adapter only counts since its start.
 */
@Singleton
@Startup
public class StatusHistory {

    public static final int INTERVAL_SECONDS = 2;
    static final int CAPACITY = 10 * 60 / INTERVAL_SECONDS;

    private static final Logger LOG = Logger.getLogger(StatusHistory.class.getName());

    @EJB
    private PushService push;

    private final Deque<Sample> samples = new ArrayDeque<>(CAPACITY);
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
     */
    public record Sample(long at, int sessionsOnline, long pendingMessages, long sent, long acknowledged,
                         long refused, double sentPerSecond, double ackedPerSecond, double refusedPerSecond,
                         long p50Micros, long p99Micros) {
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
        return new ArrayList<>(samples);
    }

    void add(long at, AdapterStatus status) {
        samples.addLast(next(samples.peekLast(), at, status));
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
    }

    static Sample next(Sample previous, long at, AdapterStatus status) {
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
                status.deliveryLatency().p50Micros(), status.deliveryLatency().p99Micros());
    }
}
