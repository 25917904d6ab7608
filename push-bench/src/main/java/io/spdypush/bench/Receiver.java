package io.spdypush.bench;

/** What a bench session tells its owner; called on the session's event loop, must not block. */
interface Receiver {

    /**
     * A message arrived.
     *
     * @param sentNanos the sender's {@link System#nanoTime()} carried at the start of the payload
     *                  (CLOCK_MONOTONIC on Linux: comparable between processes of one machine)
     */
    void onMessage(Session session, long seq, boolean redelivered, long sentNanos);

    /** The server confirmed an acknowledgement of every message up to seq. */
    void onAcked(Session session, long seq);

    /** The connection ended, for whatever reason. */
    default void onClosed(Session session) {
    }
}
