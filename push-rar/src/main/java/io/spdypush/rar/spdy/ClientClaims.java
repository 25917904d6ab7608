package io.spdypush.rar.spdy;

import java.util.concurrent.CompletionStage;

/**
 * In a cluster, what makes this node a client's home before a session of it opens here: the layer above the
 * adapter, which knows the grid, takes the client from its previous home ({@link PushServer#takeClient}). The
 * adapter asks only for clients it holds nothing for.
 */
@FunctionalInterface
public interface ClientClaims {

    /** Completes once this node is the client's home; fails when it could not be made so. */
    CompletionStage<Void> claim(String clientId);

    /**
     * This node forgot the client, idle (its session ended with nothing pending): its home may be forgotten too,
     * once it is sure to hold nothing the client's next home must take over. A directory that keeps such homes
     * needs nothing.
     */
    default void forgotten(String clientId) {
    }
}
