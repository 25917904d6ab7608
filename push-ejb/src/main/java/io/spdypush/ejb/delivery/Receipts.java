package io.spdypush.ejb.delivery;

import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.DeliveryReceipt;
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
 * in this server's memory only.
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class.getName());

    @Inject
    private Event<DeliveryReceipt> receipts;

    @EJB
    private MessageStore store;

    private final ConcurrentMap<Recipient, CompletableFuture<DeliveryOutcome>> waiting = new ConcurrentHashMap<>();

    /** Tells of outcomes whose new state is committed. */
    public void publish(List<DeliveryOutcome> outcomes) {
        for (DeliveryOutcome outcome : outcomes) {
            CompletableFuture<DeliveryOutcome> waiter = waiting.remove(new Recipient(outcome.clientId(),
                    outcome.messageId()));
            if (waiter != null) {
                waiter.complete(outcome);
            }
            try {
                receipts.fire(new DeliveryReceipt(outcome));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An observer of DeliveryReceipt failed on " + outcome + ": " + e, e);
            }
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
