package io.spdypush.rar.spdy;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which {@link RequestHandler} answers which business request path: the one registered with the
 * longest prefix of it, matched on whole path segments. Thread-safe; registration is rare.
 */
public final class RequestRoutes {

    private record Route(String prefix, RequestHandler handler) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException when the prefix does not start with {@code /} */
    public synchronized void register(String prefix, RequestHandler handler) {
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix " + prefix + " must start with /");
        }
        routes.add(new Route(prefix, handler));
        routes.sort(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed());
    }

    public synchronized void unregister(RequestHandler handler) {
        routes.removeIf(route -> route.handler() == handler);
    }

    /** The handler for {@code path}, or null when none matches. */
    RequestHandler find(String path) {
        for (Route route : routes) {
            if (matches(route.prefix(), path)) {
                return route.handler();
            }
        }
        return null;
    }

    private static boolean matches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '/' || next == '?';
    }
}
