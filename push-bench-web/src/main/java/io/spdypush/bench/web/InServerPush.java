package io.spdypush.bench.web;

/**
 * Pushes one message to one client from inside the server, the way a business bean would: through
 * PushService for ours, straight to the session for the alternatives.
 */
@FunctionalInterface
interface InServerPush {

    /** @return false when the message was refused (client offline, outbox full) */
    boolean push(String clientId, String text);
}
