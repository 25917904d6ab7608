package io.spdypush.ejb.cluster;

/**
 * How many nodes a node must see to serve clients ({@code spdypush.clusterQuorum}): set to a majority of the
 * cluster's nodes, it keeps the smaller side of a split cluster from serving the clients that the larger side
 * serves, so that no client has two live sessions that both receive. Thread-safe.
 */
final class Quorum {

    private final int required;
    private volatile int seen;

    Quorum(int required, int seen) {
        this.required = required;
        this.seen = seen;
    }

    /** Records how many nodes the grid has now; returns whether that meets the quorum. */
    boolean nodesSeen(int nodes) {
        seen = nodes;
        return isMet();
    }

    boolean isMet() {
        return seen >= required;
    }

    /** Throws, saying why, when the quorum is not met. */
    void require() {
        if (!isMet()) {
            throw new IllegalStateException(shortfall());
        }
    }

    /** What a refusal below the quorum says. */
    String shortfall() {
        return "this node sees " + seen + " nodes of the cluster, fewer than the " + required
                + " it needs to serve clients (spdypush.clusterQuorum)";
    }
}
