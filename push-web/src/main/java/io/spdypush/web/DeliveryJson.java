package io.spdypush.web;

import io.spdypush.api.Delivery;
import io.spdypush.ejb.DeliveryOutcome;

/**
 * The JSON answer to a send, per recipient: {@code {"id":..,"clientId":..,"seq":..,"status":..}},
 * plus the reason when the message was refused. The outcome of a stored message has the same
 * shape, its state as the status.
 */
public record DeliveryJson(String id, String clientId, long seq, String status, String reason) {

    static DeliveryJson of(Delivery delivery) {
        return new DeliveryJson(delivery.messageId(), delivery.clientId(), delivery.seq(), delivery.status().name(),
                delivery.isAccepted() ? null : delivery.reason());
    }

    static DeliveryJson of(DeliveryOutcome outcome) {
        return new DeliveryJson(outcome.messageId(), outcome.clientId(), outcome.seq(), outcome.state().name(),
                outcome.reason().isEmpty() ? null : outcome.reason());
    }
}
