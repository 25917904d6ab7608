package io.spdypush.client;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides, each time a session or a connection attempt ends, whether a client tries again and after how long
 * (docs/PROTOCOL.md §8): a refusal that trying again cannot fix stops it (a 401 only the second time since the last
 * accepted session when a {@link TokenProvider} gives each attempt a fresh token), a refusal with {@code retry-after} waits at
 * least that long, anything else backs off by the {@link ReconnectPolicy}. Counts the attempts since the last
 * accepted session. Not thread-safe: its client calls it under its own lock.
 */
final class Reconnection {

    private static final int UNAUTHORIZED = 401;

    private final ReconnectPolicy policy;
    private final boolean freshTokens;
    private int attempt;
    /** A 401 since the last accepted session was tried again with a fresh token. */
    private boolean unauthorizedTriedAgain;

    /** @param freshTokens each attempt has a token of its own, from a {@link TokenProvider} */
    Reconnection(ReconnectPolicy policy, boolean freshTokens) {
        this.policy = policy;
        this.freshTokens = freshTokens;
    }

    /** The push stream was accepted: the next loss starts over from the first attempt. */
    void reset() {
        attempt = 0;
        unauthorizedTriedAgain = false;
    }

    /** The number of the attempt {@link #next} last planned: 1 for the first after an accepted session. */
    int attempt() {
        return attempt;
    }

    /**
     * Plans the next attempt after an end for the given reason: returns how long to wait, or empty when the client
     * must stop. A wait for {@code retry-after} gets the backoff's jitter on top, so that the clients a server sent
     * away together spread out when they return.
     */
    Optional<Duration> next(SessionClosedException reason, RandomGenerator random) {
        PushRefusedException refusal = refusalIn(reason);
        if (refusal != null && isFinal(refusal)) {
            // A token that expired between the provider and the server, or a provider that caches one: the next
            // token may do. A second 401 before any session was accepted is not a matter of time.
            if (refusal.status() != UNAUTHORIZED || !freshTokens || unauthorizedTriedAgain) {
                return Optional.empty();
            }
            unauthorizedTriedAgain = true;
        }
        attempt++;
        Duration delay = policy.delay(attempt, random);
        if (refusal != null && refusal.retryAfterSeconds().isPresent()) {
            delay = delay.plusSeconds(refusal.retryAfterSeconds().getAsLong());
        }
        return Optional.of(delay);
    }

    /**
     * A refusal with a 4xx status comes again on every attempt: 400 malformed headers or client id, 401 bad or
     * missing token, 409 a second push stream on one session (a client bug). 503 and other server errors pass.
     */
    static boolean isFinal(PushRefusedException refusal) {
        return refusal.status() >= 400 && refusal.status() < 500;
    }

    /** The refusal of the push stream that ended a session, or null when something else ended it. */
    static PushRefusedException refusalIn(Throwable reason) {
        for (Throwable cause = reason; cause != null; cause = cause.getCause()) {
            if (cause instanceof PushRefusedException refusal) {
                return refusal;
            }
        }
        return null;
    }
}
