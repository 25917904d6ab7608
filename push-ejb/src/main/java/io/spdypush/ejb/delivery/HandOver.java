package io.spdypush.ejb.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushUnavailableException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Hands a message to the adapter and records in its stored rows what the adapter did. Runs
 * outside any transaction (the adapter has none), also when called after a commit.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HandOver {

    @Inject
    private PushAdapter adapter;

    @EJB
    private MessageStore store;

    @Inject
    private Receipts receipts;

    /**
     * Hands over a message just sent. Its stored rows remember the seqs, or become REFUSED with
     * the reason, also when the adapter cannot be reached (then {@link PushUnavailableException}).
     */
    public List<Delivery> handOver(PushMessage message) {
        try {
            return handOverAgain(message);
        } catch (PushUnavailableException e) {
            if (MessageStore.keeps(message)) {
                receipts.publish(store.refuse(message, e.getMessage()));
            }
            throw e;
        }
    }

    /**
     * Hands over a stored message again (the adapter keeps the seq of a message id it still holds).
     * When the adapter cannot be reached, its rows stay PENDING.
     */
    public List<Delivery> handOverAgain(PushMessage message) {
        List<Delivery> deliveries = adapter.call(connection -> connection.send(message));
        if (MessageStore.keeps(message)) {
            receipts.publish(store.recordHandOver(deliveries));
        }
        return deliveries;
    }
}
