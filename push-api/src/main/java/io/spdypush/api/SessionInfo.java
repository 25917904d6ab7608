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
 * @param lastHeartbeat   when the last heartbeat was seen (docs/PROTOCOL.md §5: a PING of the client, or the
 *                        client's answer to the server's PING); null while there has been none
 * @param openStreams     the SPDY streams open on its connection (not closed in both directions, docs/PROTOCOL.md
 *                        §4), its push stream included
 * @param topics          the topics it subscribed to
 * @param pendingMessages messages of its client not yet acknowledged
 * @param node            the node of a cluster the session is on (its data grid address), empty on a single server
 * @param transport       what its connection speaks (docs/PROTOCOL.md §10): {@code spdy/3.1}, {@code h2} or
 *                        {@code http/1.1}
 */
public record SessionInfo(String clientId, String sessionId, String remoteAddress, Instant connectedAt,
                          Instant lastHeartbeat, int openStreams, List<String> topics, int pendingMessages,
                          String node, String transport) {

    public SessionInfo {
        topics = List.copyOf(topics);
        node = node == null ? "" : node;
        transport = transport == null ? "" : transport;
    }

    /** This session as one on the given node of a cluster. */
    public SessionInfo onNode(String node) {
        return new SessionInfo(clientId, sessionId, remoteAddress, connectedAt, lastHeartbeat, openStreams, topics,
                pendingMessages, node, transport);
    }
}
