package io.spdypush.client;

/**
 * Receives what arrives on a client's push session.
 *
 * <p>Both methods run on the connection's Netty event loop, so they must return quickly and never block:
 * while one runs, nothing else is read from the connection. Hand slow work to an executor of your own (and,
 * with auto-ack off, acknowledge when that work is done).
 */
@FunctionalInterface
public interface PushListener {

    /**
     * Called once per MESSAGE packet, in seq order. With auto-ack on, the message is acknowledged after this
     * returns. If this throws, the client closes the session so that the message, not acknowledged, is
     * redelivered on the next one.
     */
    void onMessage(ReceivedMessage message);

    /**
     * Called once when an accepted session ends without {@link PushClient#close()} being called: the server
     * sent GOAWAY, broke the protocol, reset or ended the push stream, or the connection was lost.
     *
     * @param reason what ended the session; its message is meant for a person
     */
    default void onDisconnected(SessionClosedException reason) {
    }
}
