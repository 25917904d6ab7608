package io.spdypush.api;

import java.util.List;

/**
 * A client acknowledged messages (docs/PROTOCOL.md §3.1): every message up to {@code seq}, cumulatively.
 *
 * @param clientId   the client
 * @param seq        the highest seq now acknowledged
 * @param messageIds the ids of the messages this acknowledgement delivered, in seq order
 */
public record Acknowledgement(String clientId, long seq, List<String> messageIds) {

    public Acknowledgement {
        messageIds = List.copyOf(messageIds);
    }
}
