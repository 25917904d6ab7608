package io.spdypush.ejb.delivery;

/** One message for one client: what a stored row is about. */
record Recipient(String clientId, String messageId) {
}
