package io.spdypush.web.pages;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.ClusterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.Optional;

/** Backs the dashboard (and the topics page): the adapter's status, read once per request. */
@Named("statusView")
@RequestScoped
public class StatusView {

    @EJB
    private PushService push;

    private AdapterStatus status;
    private Optional<ClusterStatus> cluster;

    public AdapterStatus getStatus() {
        if (status == null) {
            status = push.status();
        }
        return status;
    }

    /** The nodes of the cluster, or null on a single server. */
    public ClusterStatus getCluster() {
        if (cluster == null) {
            cluster = push.clusterStatus();
        }
        return cluster.orElse(null);
    }

    /** Copies refused since the adapter started, all reasons together. */
    public long getRefused() {
        return getStatus().messages().refused().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Microseconds as milliseconds with one decimal. */
    public String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
