package io.spdypush.ejb;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A message sent inside a transaction: handed to the adapter once the transaction has committed,
 * never if it rolls back (its rows, written in the same transaction, are then gone too).
 */
final class AfterCommitHandOver implements Synchronization {

    private static final Logger LOG = Logger.getLogger(AfterCommitHandOver.class.getName());

    private final PushMessage message;
    private final List<DeliveryOutcome> collapsed;
    private final Function<PushMessage, List<Delivery>> handOver;
    private final Consumer<List<DeliveryOutcome>> publish;
    private final CompletableFuture<List<Delivery>> deliveries = new CompletableFuture<>();

    /**
     * @param collapsed the outcomes of the rows the message collapsed in the transaction, told after the commit
     * @param handOver  hands the message to the adapter and returns what it did
     * @param publish   tells of outcomes
     */
    AfterCommitHandOver(PushMessage message, List<DeliveryOutcome> collapsed,
                        Function<PushMessage, List<Delivery>> handOver, Consumer<List<DeliveryOutcome>> publish) {
        this.message = message;
        this.collapsed = collapsed;
        this.handOver = handOver;
        this.publish = publish;
    }

    /** What the adapter did with the message after the commit; fails when the transaction rolled back. */
    CompletableFuture<List<Delivery>> deliveries() {
        return deliveries;
    }

    @Override
    public void beforeCompletion() {
    }

    @Override
    public void afterCompletion(int status) {
        if (status != Status.STATUS_COMMITTED) {
            deliveries.completeExceptionally(new IllegalStateException("The transaction rolled back: message "
                    + message.id() + " was not sent"));
            return;
        }
        try {
            publish.accept(collapsed);
            deliveries.complete(handOver.apply(message));
        } catch (RuntimeException e) {
            // The transaction is over: nobody else could hear of this.
            LOG.log(Level.WARNING, "Message " + message.id() + " was committed but not handed to the push adapter: "
                    + e.getMessage(), e);
            deliveries.completeExceptionally(e);
        }
    }
}
