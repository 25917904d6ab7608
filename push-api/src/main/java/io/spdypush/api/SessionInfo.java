package io.spdypush.api;

import java.time.Instant;
import java.util.List;

/**
 * One push session as the adapter sees it.
 *
 * @param clientId        its client id
 * @param sessionId       its {@code push-session} id
 * @param remoteAddress   the client's address and port
 * @param connectedAt     when its push stream was accepted
 * @param topics          the topics it subscribed to
 * @param pendingMessages messages of its client not yet acknowledged
 */
public record SessionInfo(String clientId, String sessionId, String remoteAddress, Instant connectedAt,
                          List<String> topics, int pendingMessages) {

    public SessionInfo {
        topics = List.copyOf(topics);
    }
}
