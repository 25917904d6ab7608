package io.spdypush.api;

import java.util.Objects;

/**
 * What happened to one message for one recipient when it was handed to the adapter.
 *
 * @param clientId  the recipient
 * @param messageId the message's id
 * @param seq       the per-client sequence number it was given, or 0 when refused or deferred
 * @param status    accepted, refused, or deferred until a transaction commits
 * @param reason    why it was refused; empty when accepted
 */
public record Delivery(String clientId, String messageId, long seq, Status status, String reason) {

    public enum Status {
        /** Taken into the client's outbox: it will be delivered, or reported as expired. */
        ACCEPTED,
        /** Not taken: nothing was queued, the sender must decide what to do. */
        REFUSED,
        /**
         * Held until the sender's transaction commits, then handed to the adapter; dropped if it
         * rolls back. Its seq is known only then (see the delivery receipts of PushService).
         */
        DEFERRED,
        /**
         * Cluster nodes only, never returned by PushService: the adapter holds nothing for this client, as
         * another node is its home (see {@link PushConnection#takeClient}); the message must go there.
         */
        NOT_HOME
    }

    public Delivery {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static Delivery accepted(String clientId, String messageId, long seq) {
        return new Delivery(clientId, messageId, seq, Status.ACCEPTED, "");
    }

    public static Delivery refused(String clientId, String messageId, String reason) {
        return new Delivery(clientId, messageId, 0, Status.REFUSED, reason);
    }

    public static Delivery deferred(String clientId, String messageId) {
        return new Delivery(clientId, messageId, 0, Status.DEFERRED, "sent when the transaction commits");
    }

    public static Delivery notHome(String clientId, String messageId) {
        return new Delivery(clientId, messageId, 0, Status.NOT_HOME, "this node is not the client's home");
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
