package io.spdypush.examples.orders;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells a customer their order is placed: a push to their client id, once the order's transaction has committed,
 * so that nobody hears of an order that was rolled back. The push is sent outside any transaction: then
 * PushService answers at once whether the customer's outbox took it, and a refusal is logged here. A customer
 * offline now gets it when they connect, within a day.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderNotifier {

    static final Duration KEPT_FOR = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(OrderNotifier.class.getName());

    @Inject
    PushSender push;

    public OrderNotifier() {
    }

    /** For unit tests, with a RecordingPushSender. */
    OrderNotifier(PushSender push) {
        this.push = push;
    }

    public void orderPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced placed) {
        Order order = placed.order();
        // The order's id as the message's: a client that gets the message again (redelivered) can tell.
        for (Delivery delivery : push.send(PushMessage.to(order.customer()).id("order-" + order.id())
                .text("Order " + order.id() + " is placed: " + order.item()).ttl(KEPT_FOR))) {
            if (delivery.status() == Delivery.Status.REFUSED) {
                LOG.log(Level.WARNING, "Customer {0} is not told of order {1}: {2}",
                        new Object[] {order.customer(), order.id(), delivery.reason()});
            }
        }
    }
}
