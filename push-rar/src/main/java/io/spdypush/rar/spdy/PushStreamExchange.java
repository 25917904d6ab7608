package io.spdypush.rar.spdy;

/**
 * One push stream request as a transport carries it (docs/PROTOCOL.md §2, §10), and the ways it is answered.
 * Called on the connection's event loop.
 */
interface PushStreamExchange {

    /** Refuses the push stream: a complete response with the status, and {@code retry-after} when not null. */
    void refuse(int status, Integer retryAfterSeconds);

    /** Whether the request still waits for its answer (not reset, its connection open), after a claim elsewhere. */
    boolean isWaiting();

    /** How the session will be carried, made before it opens. */
    SessionTransport transport();

    /**
     * Answers {@code 200} with {@code push-session} and {@code push-heartbeat} without ending the stream; from here
     * the connection's heartbeats count, and its other streams belong to {@code session}.
     */
    void accept(PushSession session, long heartbeatSeconds);
}
