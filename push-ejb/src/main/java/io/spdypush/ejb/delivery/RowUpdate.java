package io.spdypush.ejb.delivery;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Delivery;
import io.spdypush.api.Expiration;

import java.util.List;

/**
 * What the adapter reported about one stored message for one client, waiting in the
 * {@link DeliveryLedger} to be written with others.
 *
 * @param seq    the seq given, for {@link Change#ACCEPTED}
 * @param reason why, for {@link Change#REFUSED}
 */
record RowUpdate(Recipient recipient, Change change, long seq, String reason) {

    enum Change {
        /** The adapter took it with a seq. */
        ACCEPTED,
        /** The adapter did not take it. */
        REFUSED,
        /** The client acknowledged it. */
        DELIVERED,
        /** It expired in the client's outbox. */
        EXPIRED
    }

    /** What the adapter did with each copy of a message it was handed. */
    static List<RowUpdate> of(List<Delivery> deliveries) {
        return deliveries.stream()
                // Neither says what became of the row: it is handed over after the commit, or to another node.
                .filter(delivery -> delivery.status() != Delivery.Status.DEFERRED
                        && delivery.status() != Delivery.Status.NOT_HOME)
                .map(delivery -> new RowUpdate(new Recipient(delivery.clientId(), delivery.messageId()),
                        delivery.status() == Delivery.Status.ACCEPTED ? Change.ACCEPTED : Change.REFUSED,
                        delivery.seq(), delivery.reason()))
                .toList();
    }

    static List<RowUpdate> of(Acknowledgement acknowledgement) {
        return acknowledgement.messageIds().stream()
                .map(id -> new RowUpdate(new Recipient(acknowledgement.clientId(), id), Change.DELIVERED, 0, ""))
                .toList();
    }

    static List<RowUpdate> of(Expiration expiration) {
        return expiration.messageIds().stream()
                .map(id -> new RowUpdate(new Recipient(expiration.clientId(), id), Change.EXPIRED, 0, ""))
                .toList();
    }
}
