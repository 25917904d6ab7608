package io.spdypush.it.delivery;

import io.spdypush.ejb.DeliveryReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the delivery receipts, as an application's bean would. */
@ApplicationScoped
public class ReceiptLog {

    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();

    void onReceipt(@Observes DeliveryReceipt receipt) {
        receipts.add(receipt);
    }

    /** The states received for one message, in order, e.g. "DELIVERED". */
    List<String> statesOf(String clientId, String messageId) {
        return receipts.stream().map(DeliveryReceipt::outcome)
                .filter(outcome -> outcome.clientId().equals(clientId) && outcome.messageId().equals(messageId))
                .map(outcome -> outcome.state().name()).toList();
    }
}
