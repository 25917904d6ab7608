package io.spdypush.ejb.cluster;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The way a message sent on this server takes: through the cluster's routing once this server joined a cluster
 * ({@link ClusterNode} hands it over as it starts), else none. A plain bean on the path of every send: asking the
 * {@code ClusterNode} singleton, an EJB for its start and stop, went through the EJB container once more per
 * message, which cost each send 1.6 KB of garbage, a fifth of all it made.
 */
@ApplicationScoped
public class ClusterRoute {

    @EJB
    private ClusterNode node;

    /** Set once the node started: a send before then waits for its start. */
    private volatile boolean known;
    private volatile ClusterRouting routing;

    /** From now on, messages go through {@code routing}, or stay on this server when it is null. */
    void use(ClusterRouting routing) {
        this.routing = routing;
        known = true;
    }

    /** Whether this server is a node of a cluster. */
    public boolean isClustered() {
        return current() != null;
    }

    /** Sends the message through the cluster, each copy to its client's home; empty when not clustered. */
    public Optional<List<Delivery>> send(PushMessage message) {
        ClusterRouting current = current();
        return current == null ? Optional.empty() : Optional.of(current.send(message));
    }

    /**
     * The routing, once the node started. A bean of the application that sends while it starts may come before the
     * node (a startup bean of its own): a call to the node makes the container start it first, as the call to the
     * node on every send did, so such a message is never kept on a node of a cluster that is not its client's home.
     */
    private ClusterRouting current() {
        if (!known) {
            node.isClustered();
        }
        return routing;
    }
}
