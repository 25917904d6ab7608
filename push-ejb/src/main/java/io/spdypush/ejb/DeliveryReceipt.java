package io.spdypush.ejb;

/**
 * The CDI event fired when a stored message leaves {@code PENDING}: delivered, expired, refused,
 * collapsed or cancelled. It is fired after the new state is committed, on a server thread, to the beans of
 * the application that deploys {@code push-ejb}:
 * <pre>{@code
 * void onReceipt(@Observes DeliveryReceipt receipt) {
 *     if (receipt.outcome().state() == DeliveryOutcome.State.DELIVERED) { ... }
 * }
 * }</pre>
 *
 * @param outcome the message's outcome now
 */
public record DeliveryReceipt(DeliveryOutcome outcome) {
}
