package io.spdypush.ejb;

/**
 * What became of an at-least-once message for one client, as stored by {@link PushService}.
 *
 * @param clientId  the recipient
 * @param messageId the message's id
 * @param seq       the seq the adapter gave it, or 0 while it is not known (deferred, or refused)
 * @param state     where it stands
 * @param reason    why it was refused or collapsed; empty otherwise
 */
public record DeliveryOutcome(String clientId, String messageId, long seq, State state, String reason) {

    public enum State {
        /** Stored, and handed to the adapter (or waiting for its transaction to commit); not acknowledged yet. */
        PENDING,
        /** The client acknowledged it. */
        DELIVERED,
        /** It expired before the client acknowledged it; it is not sent any more. */
        EXPIRED,
        /** The adapter did not take it (outbox full, payload too large, adapter unavailable): see the reason. */
        REFUSED,
        /**
         * A newer message with the same collapse key for the same client replaced it. Should the client
         * have received it already, its acknowledgement still turns it into {@link #DELIVERED}.
         */
        COLLAPSED,
        /**
         * Cancelled before the client acknowledged it ({@link PushService#cancel}): it is not sent again. Should the
         * client have received it already, its acknowledgement still turns it into {@link #DELIVERED}.
         */
        CANCELLED;

        /** Whether the message has left the pending state (COLLAPSED and CANCELLED may still become DELIVERED). */
        public boolean isFinished() {
            return this != PENDING;
        }
    }
}
