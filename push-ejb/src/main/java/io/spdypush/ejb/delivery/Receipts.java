package io.spdypush.ejb.delivery;

import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.DeliveryReceipt;
import io.spdypush.ejb.cluster.ClusterNode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells senders what became of their messages, once committed: fires a {@link DeliveryReceipt}
 * per finished outcome and completes the stages {@link #whenDone} gave out. Waiting stages live
 * in this server's memory; in a cluster the outcomes another node records complete them too, while the event
 * fires on the node that recorded the outcome.
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class.getName());

    @Inject
    private Event<DeliveryReceipt> receipts;

    @EJB
    private MessageStore store;

    @EJB
    private ClusterNode cluster;

    private final ConcurrentMap<Recipient, CompletableFuture<DeliveryOutcome>> waiting = new ConcurrentHashMap<>();

    /** Tells of outcomes whose new state is committed; in a cluster, the waiters on the other nodes too. */
    public void publish(List<DeliveryOutcome> outcomes) {
        cluster.recorded(outcomes);
        for (DeliveryOutcome outcome : outcomes) {
            completeWaiter(outcome);
            try {
                receipts.fire(new DeliveryReceipt(outcome));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An observer of DeliveryReceipt failed on " + outcome + ": " + e, e);
            }
        }
    }

    /** Completes the stages waiting for these outcomes, which another node of the cluster recorded. */
    public void recordedElsewhere(List<DeliveryOutcome> outcomes) {
        outcomes.forEach(this::completeWaiter);
    }

    private void completeWaiter(DeliveryOutcome outcome) {
        CompletableFuture<DeliveryOutcome> waiter = waiting.remove(new Recipient(outcome.clientId(),
                outcome.messageId()));
        if (waiter != null) {
            waiter.complete(outcome);
        }
    }

    /**
     * Completes with the message's outcome once it is no longer PENDING (at once if it is not);
     * fails with {@link NoSuchElementException} when no such message is stored.
     */
    public CompletionStage<DeliveryOutcome> whenDone(String clientId, String messageId) {
        Recipient recipient = new Recipient(clientId, messageId);
        CompletableFuture<DeliveryOutcome> waiter = waiting.computeIfAbsent(recipient,
                key -> new CompletableFuture<>());
        // Registered before looking, so that an outcome published meanwhile is not missed.
        DeliveryOutcome now = store.outcome(clientId, messageId).orElse(null);
        if (now == null) {
            waiting.remove(recipient, waiter);
            waiter.completeExceptionally(new NoSuchElementException("no stored message " + messageId + " for client "
                    + clientId));
        } else if (now.state().isFinished()) {
            waiting.remove(recipient, waiter);
            waiter.complete(now);
        }
        return waiter.copy();
    }
}
