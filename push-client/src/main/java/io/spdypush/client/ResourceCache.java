package io.spdypush.client;

import java.util.Set;

/**
 * What the client already holds of the server's sub-resources (docs/PROTOCOL.md §3.2): every request tells the
 * server with {@code push-have}, so that it does not push them again, and every resource pushed whole with a
 * 2xx status is put here. {@link InMemoryResourceCache} is the ready-made one; a persistent one may replace it.
 *
 * <p>Both methods run on the connection's event loop, so they must be quick, never block, and be safe to call
 * while the application uses the cache from its own threads.
 */
public interface ResourceCache {

    /** The paths held, sent as {@code push-have} with each request. */
    Set<String> paths();

    /** Keeps a resource the server pushed, in place of whatever was held for its path. */
    void put(PushedResource resource);
}
