package io.spdypush.ejb.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushUnavailableException;
import io.spdypush.ejb.cluster.ClusterRoute;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Hands a message to the adapter and records in its stored rows what the adapter did. Called
 * outside any transaction (the adapter has none): by PushService when its caller has none, after
 * a commit, and at start. A CDI bean rather than an EJB: it is on the path of every send, and
 * needs no container transaction of its own.
 */
@ApplicationScoped
public class HandOver {

    @Inject
    private PushAdapter adapter;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryLedger ledger;

    @Inject
    private ClusterRoute cluster;

    @Inject
    private Receipts receipts;

    /**
     * Hands over a message just sent: to this server's adapter, or in a cluster to that of each client's home. Its stored rows remember the seqs, or become REFUSED with
     * the reason, also when the adapter cannot be reached (then {@link PushUnavailableException}).
     */
    public List<Delivery> handOver(PushMessage message) {
        try {
            List<Delivery> deliveries = cluster.send(message)
                    .orElseGet(() -> adapter.call(connection -> connection.send(message)));
            if (MessageStore.keeps(message)) {
                record(deliveries);
            }
            return deliveries;
        } catch (PushUnavailableException e) {
            if (MessageStore.keeps(message)) {
                receipts.publish(store.refuse(message, e.getMessage()));
            }
            throw e;
        }
    }

    /**
     * Hands a stored row back at start under the seq the adapter gave it before (0 when the ledger had
     * not written it yet: then it gets a new seq). The adapter keeps that seq and sends it with the
     * REDELIVERY flag, or, when the client had acknowledged it, tells of the acknowledgement instead.
     * When the adapter cannot be reached, the row stays PENDING.
     */
    public void handBack(StoredMessage row) {
        Delivery delivery = adapter.call(connection -> connection.sendAgain(row.toMessage(), row.seq()));
        record(List.of(delivery));
    }

    /**
     * Hands back, on the node of a cluster that just became these clients' home after their old home died (or with
     * none known), their stored rows that were handed over before: each has the seq it was given, written before
     * its sender heard of it ({@link #record}). A row without a seq is still on its way, and its sender hands it
     * over: taking it back too would hand it over twice, and should the client acknowledge the first before the
     * second came, give it two seqs. A row older than {@code orphanedAfter} without a seq lost its sender (a node
     * that died before handing it over, whose sender got no answer) and is taken back too. One query asks for the
     * rows of all the clients: a node that died leaves thousands of clients to claim at once.
     *
     * @param takeAgain makes this node a client's home again, should its state, idle, have been forgotten; returns
     *                  whether it is (another node may have claimed the client meanwhile, and took back its rows)
     */
    public void handBackPendingOf(Collection<String> clientIds, Duration orphanedAfter, Predicate<String> takeAgain) {
        long orphanedBefore = System.currentTimeMillis() - orphanedAfter.toMillis();
        List<Delivery> deliveries = new ArrayList<>();
        for (StoredMessage row : store.pendingOf(clientIds)) {
            if (row.seq() == 0 && row.storedAt() > orphanedBefore) {
                continue;
            }
            Delivery delivery = adapter.call(connection -> connection.sendAgain(row.toMessage(), row.seq()));
            if (delivery.status() == Delivery.Status.NOT_HOME && takeAgain.test(row.clientId())) {
                delivery = adapter.call(connection -> connection.sendAgain(row.toMessage(), row.seq()));
            }
            // A row taken back under the seq it has needs no write: reading the rows again to find that cost the
            // move of a dead node's clients more than the query that found them.
            if (delivery.status() != Delivery.Status.ACCEPTED || delivery.seq() != row.seq()) {
                deliveries.add(delivery);
            }
        }
        record(deliveries);
    }

    /**
     * Refusals are written at once, so that the sender who was told finds them in the outcome. The seqs of
     * accepted copies join the next batch of the ledger on a single server; in a cluster they are written at once
     * too, before the sender hears of them: a node that takes over the clients of a node that died takes back
     * their rows that have a seq (handed over before), never those still on their way (see ClusterNode), so a
     * row is handed over by one path only.
     */
    private void record(List<Delivery> deliveries) {
        Map<Boolean, List<Delivery>> accepted = deliveries.stream()
                .collect(Collectors.partitioningBy(delivery -> delivery.status() == Delivery.Status.ACCEPTED));
        List<RowUpdate> now = new ArrayList<>(RowUpdate.of(accepted.get(false)));
        if (cluster.isClustered()) {
            now.addAll(RowUpdate.of(accepted.get(true)));
        } else {
            ledger.handedOver(accepted.get(true));
        }
        for (int from = 0; from < now.size(); from += MessageStore.CHUNK) {
            receipts.publish(store.apply(now.subList(from, Math.min(now.size(), from + MessageStore.CHUNK))));
        }
    }
}
