package io.spdypush.client;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link ResourceCache} in memory, for the life of the application; thread-safe and unbounded. */
public final class InMemoryResourceCache implements ResourceCache {

    private final ConcurrentMap<String, PushedResource> resources = new ConcurrentHashMap<>();

    @Override
    public Set<String> paths() {
        return Set.copyOf(resources.keySet());
    }

    @Override
    public void put(PushedResource resource) {
        resources.put(resource.path(), resource);
    }

    /** The resource held for the path, if any. */
    public Optional<PushedResource> get(String path) {
        return Optional.ofNullable(resources.get(path));
    }
}
