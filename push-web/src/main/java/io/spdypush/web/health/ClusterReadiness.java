package io.spdypush.web.health;

import io.spdypush.ejb.cluster.ClusterNode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready, on a node of a cluster: the node sees at least {@code spdypush.clusterQuorum} nodes, and so serves
 * clients. A single server is always ready here.
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    static final String NAME = "cluster";

    @EJB
    private ClusterNode cluster;

    @Override
    public HealthCheckResponse call() {
        if (!cluster.isClustered()) {
            return HealthCheckResponse.named(NAME).up().withData("node", "a single server").build();
        }
        String node = cluster.nodeName().orElse("");
        return cluster.belowQuorum()
                .map(shortfall -> HealthCheckResponse.named(NAME).down().withData("node", node)
                        .withData("error", shortfall).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("node", node).build());
    }
}
