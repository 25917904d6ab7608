package io.spdypush.examples.orders;

/**
 * An order of the shop. Its customer is named by the client id their app connects to the push server with, so
 * that the shop can push to them, and can tell whose business request it answers.
 *
 * @param id       the order's id, unique in the shop
 * @param customer the customer's client id
 * @param item     what was ordered
 */
public record Order(String id, String customer, String item) {
}
