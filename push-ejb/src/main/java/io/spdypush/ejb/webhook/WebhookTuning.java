package io.spdypush.ejb.webhook;

import java.time.Duration;

/**
 * How every webhook is served.
 *
 * @param queueEvents how many events may wait for one endpoint; more are dropped, counted and logged
 * @param timeout     how long a call may take before it counts as failed
 * @param firstRetry  the wait after a first failed call, doubled after each failure that follows
 * @param maxRetry    the longest wait between calls to a failing endpoint
 */
public record WebhookTuning(int queueEvents, Duration timeout, Duration firstRetry, Duration maxRetry) {

    /** Events sent in one call at most: a receiver that was away gets its backlog in a few calls, not thousands. */
    static final int MAX_EVENTS_PER_CALL = 100;
}
