package io.spdypush.bench;

import java.util.function.LongConsumer;

/**
 * A bench session's acknowledgements (docs/PROTOCOL.md §3.1): cumulative, one in flight at a time, and what is
 * asked for meanwhile goes with the next one. Touched only on the session's event loop.
 */
final class CumulativeAcks {

    private final LongConsumer send;
    private long inFlight = -1;
    private long wanted = -1;

    /** @param send opens the ack stream or request for a seq */
    CumulativeAcks(LongConsumer send) {
        this.send = send;
    }

    /** Acknowledges every message up to {@code seq}, now or once the ack in flight is answered. */
    void ack(long seq, boolean connected) {
        wanted = Math.max(wanted, seq);
        if (inFlight < 0 && connected) {
            sendNow(wanted);
        }
    }

    /** The ack in flight was answered; the next goes out if more is wanted. */
    void answered() {
        long seq = inFlight;
        inFlight = -1;
        if (wanted > seq) {
            sendNow(wanted);
        }
    }

    private void sendNow(long seq) {
        inFlight = seq;
        send.accept(seq);
    }
}
