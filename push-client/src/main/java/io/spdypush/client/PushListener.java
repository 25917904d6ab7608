package io.spdypush.client;

import java.time.Duration;

/**
 * Receives what arrives on a client's push sessions, and hears how its connection fares, so that an application
 * can show it: {@link #onConnected}, {@link #onDisconnected}, then with reconnection {@link #onReconnecting}
 * and the next {@link #onConnected}, until a refusal ends it with {@link #onRefused}.
 *
 * <p>All methods run on the connection's Netty event loop, so they must return quickly and never block:
 * while one runs, nothing else is read from the connection. Hand slow work to an executor of your own (and,
 * with auto-ack off, acknowledge when that work is done).
 */
@FunctionalInterface
public interface PushListener {

    /**
     * Called once per seq, in seq order: a message already processed (see {@link LastSeqStore}) that the server
     * sends again anyway is dropped. With auto-ack on, the message is acknowledged after this returns. If this
     * throws, the client closes the session so that the message, not acknowledged, is redelivered on the next one.
     */
    void onMessage(ReceivedMessage message);

    /** Called when the server accepts a push stream: after the first {@code connect()} and after each reconnect. */
    default void onConnected(PushSession session) {
    }

    /**
     * Called once when an accepted session ends without {@link PushClient#close()} being called: the server
     * sent GOAWAY, broke the protocol, reset or ended the push stream, did not answer a PING in time (over
     * HTTP/1.1: let the push stream stay silent for T2 + T3), or the connection was lost.
     *
     * @param reason what ended the session; its message is meant for a person
     */
    default void onDisconnected(SessionClosedException reason) {
    }

    /**
     * Called, with reconnection on, when the client will try to connect again: after a lost session, a connection
     * that could not be made, or a refusal that may pass (503).
     *
     * @param attempt 1 for the first attempt since the last accepted session, then 2, 3, ...
     * @param delay   how long the client waits before it
     * @param cause   what ended the last session or attempt; its message is meant for a person, and when the
     *                server refused the push stream, its cause is the {@link PushRefusedException}
     */
    default void onReconnecting(int attempt, Duration delay, SessionClosedException cause) {
    }

    /**
     * Called when the server refused the push stream and the client gives up: for any refusal without
     * reconnection; with it, for those that trying again cannot fix (400 malformed headers or client id, 401 bad
     * or missing token, 409 a second push stream on one session, which is a bug of the client). The client stays
     * disconnected until {@code connect()} is called again.
     */
    default void onRefused(PushRefusedException refusal) {
    }
}
