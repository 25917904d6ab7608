package io.spdypush.ejb.cluster;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The way a message sent on this server takes: through the cluster's routing once this server joined a cluster
 * ({@link ClusterNode} hands it over), else none. A plain bean on the path of every send: asking the
 * {@code ClusterNode} singleton, an EJB for its start and stop, went through the EJB container once more per
 * message, which cost each send 1.6 KB of garbage, a fifth of all it made.
 */
@ApplicationScoped
public class ClusterRoute {

    private volatile ClusterRouting routing;

    /** From now on, messages go through {@code routing}: this server is a node of a cluster. */
    void use(ClusterRouting routing) {
        this.routing = routing;
    }

    /** Whether this server is a node of a cluster. */
    public boolean isClustered() {
        return routing != null;
    }

    /** Sends the message through the cluster, each copy to its client's home; empty when not clustered. */
    public Optional<List<Delivery>> send(PushMessage message) {
        ClusterRouting current = routing;
        return current == null ? Optional.empty() : Optional.of(current.send(message));
    }
}
