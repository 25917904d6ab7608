package io.spdypush.bench.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One client id with one valid token, reconnecting in a loop: each new connection opens the push stream
 * and so takes over the session of the one before, which it leaves open for the server to close.
 */
final class TakeoverChurn implements Attack {

    private static final String CLIENT_ID = "churner";
    /** The server's limit: takeovers of one client id a minute. */
    private static final int MAX_TAKEOVERS = 10;

    private final List<SpdyPeer> takenOver = new ArrayList<>();
    private final List<Long> acceptedNanos = new ArrayList<>();

    @Override
    public String name() {
        return "takeover churn";
    }

    @Override
    public String does() {
        return "one client id with one valid token connects and opens its push stream in a loop, as fast as the"
                + " server answers, leaving each connection before open";
    }

    @Override
    public String documented() {
        return "a session taken over is closed within a second; beyond 10 takeovers a minute the push stream"
                + " gets 503 with retry-after, the seconds until the minute is over (takeover-throttled)";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of("takeover-throttled");
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        Map<String, Long> statuses = new TreeMap<>();
        List<Integer> retryAfters = new ArrayList<>();
        do {
            SpdyPeer peer = SpdyPeer.raw(target);
            String status = peer.openPushStream(target, CLIENT_ID).orElse("none");
            statuses.merge(status, 1L, Long::sum);
            if (status.equals("200")) {
                takenOver.add(peer);
                acceptedNanos.add(System.nanoTime());
            } else {
                peer.answers().stream().filter(answer -> answer.streamId() == 1 && answer.retryAfter() != null)
                        .forEach(answer -> retryAfters.add(Integer.parseInt(answer.retryAfter().trim())));
                peer.close();
            }
        } while (System.nanoTime() < deadlineNanos);
        // Every session but the last was taken over: each must be closed by the server within a second or so.
        List<Double> closedAfterTakeover = new ArrayList<>();
        int notClosed = 0;
        for (int i = 0; i + 1 < takenOver.size(); i++) {
            SpdyPeer peer = takenOver.get(i);
            if (peer.awaitClosed(Duration.ofSeconds(3))) {
                closedAfterTakeover.add((peer.closedNanos() - acceptedNanos.get(i + 1)) / 1e9);
            } else {
                notClosed++;
            }
        }
        long accepted = statuses.getOrDefault("200", 0L);
        long refused = statuses.getOrDefault("503", 0L);
        Optional<Integer> longestRetry = retryAfters.stream().max(Integer::compare);
        return new Outcome(String.format(Locale.ROOT, "%d push streams opened: %s, retry-after %d-%d s;"
                        + " the %d sessions taken over were closed after %s (%d not)",
                statuses.values().stream().mapToLong(Long::longValue).sum(), statuses,
                retryAfters.stream().min(Integer::compare).orElse(0), longestRetry.orElse(0),
                takenOver.size() - 1, Outcome.spread(closedAfterTakeover), notClosed),
                accepted <= MAX_TAKEOVERS + 1 && refused > 0 && refused == retryAfters.size()
                        && longestRetry.orElse(61) <= 60 && notClosed == 0);
    }

    @Override
    public void close() {
        takenOver.forEach(SpdyPeer::close);
    }
}
