package io.spdypush.api;

import java.util.List;

/**
 * Messages of a client expired before they could be sent; they never will be.
 *
 * @param clientId   the client
 * @param messageIds the ids of the expired messages
 */
public record Expiration(String clientId, List<String> messageIds) {

    public Expiration {
        messageIds = List.copyOf(messageIds);
    }
}
