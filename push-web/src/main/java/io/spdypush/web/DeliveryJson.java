package io.spdypush.web;

import io.spdypush.api.Delivery;

/**
 * The JSON answer to a send: {@code {"id":..,"seq":..,"status":..}}, plus the reason when
 * the message was refused.
 */
public record DeliveryJson(String id, long seq, String status, String reason) {

    static DeliveryJson of(Delivery delivery) {
        return new DeliveryJson(delivery.messageId(), delivery.seq(), delivery.status().name(),
                delivery.isAccepted() ? null : delivery.reason());
    }
}
