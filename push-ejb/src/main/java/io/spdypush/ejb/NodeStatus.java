package io.spdypush.ejb;

/**
 * One node of a cluster as it answered (or did not) when the cluster's status was asked for.
 *
 * @param node            the node's data grid address, {@code host:port}
 * @param self            whether it is the node that was asked
 * @param answered        whether it answered within {@code spdypush.clusterCallTimeoutSeconds}; the figures below
 *                        are 0 when it did not
 * @param spdyPort        its SPDY port
 * @param sessionsOnline  its push sessions online
 * @param connections     its open TCP connections
 * @param pendingMessages messages accepted there and not yet acknowledged
 * @param listening       whether its SPDY listener accepts connections
 */
public record NodeStatus(String node, boolean self, boolean answered, int spdyPort, int sessionsOnline,
                         int connections, long pendingMessages, boolean listening) {

    /** A node that did not answer. */
    public static NodeStatus silent(String node) {
        return new NodeStatus(node, false, false, 0, 0, 0, 0, false);
    }
}
