package io.spdypush.ejb;

import java.util.List;

/**
 * The nodes of a cluster and their totals (README, "A cluster").
 *
 * @param sessionsOnline  the push sessions online on every node that answered
 * @param pendingMessages the messages pending on every node that answered
 * @param clientHomes     the client ids the cluster's directory knows the home of: those online, those with
 *                        messages pending, and those idle for less than {@code spdypush.clusterIdleHomeSeconds}
 * @param nodes           each node, ordered by address
 */
public record ClusterStatus(int sessionsOnline, long pendingMessages, int clientHomes, List<NodeStatus> nodes) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    public static ClusterStatus of(int clientHomes, List<NodeStatus> nodes) {
        return new ClusterStatus(nodes.stream().mapToInt(NodeStatus::sessionsOnline).sum(),
                nodes.stream().mapToLong(NodeStatus::pendingMessages).sum(), clientHomes, nodes);
    }
}
