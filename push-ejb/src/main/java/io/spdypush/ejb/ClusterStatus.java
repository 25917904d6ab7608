package io.spdypush.ejb;

import java.util.List;

/**
 * The nodes of a cluster and their totals (README, "A cluster").
 *
 * @param sessionsOnline  the push sessions online on every node that answered
 * @param pendingMessages the messages pending on every node that answered
 * @param nodes           each node, ordered by address
 */
public record ClusterStatus(int sessionsOnline, long pendingMessages, List<NodeStatus> nodes) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    public static ClusterStatus of(List<NodeStatus> nodes) {
        return new ClusterStatus(nodes.stream().mapToInt(NodeStatus::sessionsOnline).sum(),
                nodes.stream().mapToLong(NodeStatus::pendingMessages).sum(), nodes);
    }
}
