package io.spdypush.examples.orders;

/** The CDI event of a placed order, fired in the transaction that places it ({@link OrdersResource}). */
public record OrderPlaced(Order order) {
}
