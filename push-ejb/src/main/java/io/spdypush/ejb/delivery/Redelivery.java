package io.spdypush.ejb.delivery;

import io.spdypush.ejb.PushUnavailableException;
import jakarta.annotation.PostConstruct;
import io.spdypush.ejb.cluster.ClusterNode;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When the application starts, before it sends anything new, hands every stored message that is
 * still pending back to the adapter, oldest first, each with the seq it was given before: after an
 * orderly stop the adapter has restored them from its outbox file; after a crash it takes them back
 * under those seqs, with the REDELIVERY flag, and a client that had acknowledged one does not get it
 * again. Those that expired meanwhile become EXPIRED. A node of a cluster does not: there each client's messages are
 * taken back by the node that becomes its home ({@link ClusterNode}).
 */
@Singleton
@Startup
@DependsOn("ClusterNode")
public class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class.getName());
    private static final int PAGE = 200;

    @EJB
    private MessageStore store;

    @EJB
    private ClusterNode cluster;

    @Inject
    private HandOver handOver;

    @Inject
    private Receipts receipts;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void handPendingMessagesBack() {
        if (cluster.isClustered()) {
            LOG.info("A node of a cluster hands no stored messages back at start: the node that becomes a client's"
                    + " home takes back that client's");
            return;
        }
        receipts.publish(store.expireOverdue(System.currentTimeMillis()));
        long handedBack = 0;
        long afterId = 0;
        try {
            for (List<StoredMessage> page = store.pendingAfter(afterId, PAGE); !page.isEmpty();
                 page = store.pendingAfter(afterId, PAGE)) {
                for (StoredMessage row : page) {
                    handOver.handBack(row);
                    handedBack++;
                    afterId = row.id();
                }
            }
        } catch (PushUnavailableException e) {
            LOG.log(Level.WARNING, "Handed {0} stored messages back to the push adapter, then it became"
                    + " unavailable; the others stay stored until the next start: {1}",
                    new Object[]{handedBack, e.getMessage()});
            return;
        }
        if (handedBack > 0) {
            LOG.log(Level.INFO, "Handed {0} stored messages that were not acknowledged back to the push adapter",
                    handedBack);
        }
    }
}
