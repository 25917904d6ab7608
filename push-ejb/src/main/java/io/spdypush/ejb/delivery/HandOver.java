package io.spdypush.ejb.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushUnavailableException;
import io.spdypush.ejb.cluster.ClusterNode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
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

    @EJB
    private ClusterNode cluster;

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
     * Refusals are written at once, so that the sender who was told finds them in the outcome;
     * the seqs of accepted copies join the next batch of the ledger.
     */
    private void record(List<Delivery> deliveries) {
        Map<Boolean, List<Delivery>> accepted = deliveries.stream()
                .collect(Collectors.partitioningBy(delivery -> delivery.status() == Delivery.Status.ACCEPTED));
        ledger.handedOver(accepted.get(true));
        List<RowUpdate> refusals = RowUpdate.of(accepted.get(false));
        for (int from = 0; from < refusals.size(); from += MessageStore.CHUNK) {
            receipts.publish(store.apply(refusals.subList(from, Math.min(refusals.size(), from + MessageStore.CHUNK))));
        }
    }
}
