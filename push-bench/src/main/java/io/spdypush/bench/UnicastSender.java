package io.spdypush.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * How unicast messages are sent, round robin over the clients, each payload stamped with the moment it
 * was due: by one HTTP call per message from the bench ({@link HttpUnicastSender}), or by threads inside
 * the server ({@link InServerUnicastSender}).
 */
interface UnicastSender {

    /**
     * What was sent from startNanos ({@link System#nanoTime()}, CLOCK_MONOTONIC: the same clock in every
     * process of the machine) for elapsedNanos, and how long each send call took, in microseconds.
     */
    record Sent(long sent, long refused, long startNanos, long elapsedNanos, Histogram calls) {
    }

    /** Closed loop: concurrency senders, each sending its next message as soon as the last was taken. */
    Sent atMaximum(List<Fleet.Client> clients, int concurrency, int seconds) throws InterruptedException;

    /** Open loop at a fixed rate; a message's stamp is when it was due, so a stalled server cannot hide. */
    Sent atRate(List<Fleet.Client> clients, double perSecond, int seconds) throws InterruptedException;

    /** What the send call is, for the table: "HTTP call", "PushService.send call", ... */
    String callName();
}
