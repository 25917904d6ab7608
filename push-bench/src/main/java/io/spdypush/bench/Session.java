package io.spdypush.bench;

/** One open bench connection of any transport, whose push stream (or equivalent) is open. */
interface Session {

    String clientId();

    /** Acknowledges every message up to seq; the server's confirmation goes to {@link Receiver#onAcked}. */
    void ack(long seq);

    /** Cuts the connection as a network failure would: no GOAWAY, no close handshake. */
    void drop();

    /** Closes politely. */
    void close();
}
