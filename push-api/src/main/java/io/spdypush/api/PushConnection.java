package io.spdypush.api;

import java.time.Duration;

/**
 * An application's handle on the push adapter. Handles are cheap: take one per unit of
 * work and close it, the server pools what sits behind.
 */
public interface PushConnection extends AutoCloseable {

    /**
     * Accepts a message for its client: it is given the client's next seq and sent at once
     * when the client is online, or kept in its outbox until the client connects.
     */
    Delivery send(PushMessage message);

    /**
     * A token (PROTOCOL.md §7) with which the client may open its push stream until
     * {@code validFor} has passed.
     */
    String mintToken(String clientId, Duration validFor);

    /** What the adapter is doing right now. */
    AdapterStatus status();

    @Override
    void close();
}
