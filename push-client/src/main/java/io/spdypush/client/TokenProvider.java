package io.spdypush.client;

/**
 * Gives a {@link PushClient} a token (docs/PROTOCOL.md §7) before each connection attempt, the first and every
 * reconnect, so that a client outlives any one token: {@code .tokenProvider(() -> myService.tokenFor(clientId))}.
 * A client with a provider that is refused with {@code 401} asks it once more and tries again before it gives up.
 */
@FunctionalInterface
public interface TokenProvider {

    /**
     * A token for the client's id, valid now. Called on a thread of the common fork-join pool, never on the
     * client's event loop, so it may block (to ask your service for one). An exception, or no token, fails that
     * attempt, which is tried again after the reconnect policy's wait.
     */
    String token() throws Exception;
}
