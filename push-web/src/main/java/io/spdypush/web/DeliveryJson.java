package io.spdypush.web;

import io.spdypush.api.Delivery;

/**
 * The JSON answer to a send, per recipient: {@code {"id":..,"clientId":..,"seq":..,"status":..}},
 * plus the reason when the message was refused.
 */
public record DeliveryJson(String id, String clientId, long seq, String status, String reason) {

    static DeliveryJson of(Delivery delivery) {
        return new DeliveryJson(delivery.messageId(), delivery.clientId(), delivery.seq(), delivery.status().name(),
                delivery.isAccepted() ? null : delivery.reason());
    }
}
