package io.spdypush.rar.spdy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Which browser pages may use the push port (docs/PROTOCOL.md §10): only those of the origins in allowedOrigins,
 * none by default. An entry {@code scheme://host:*} allows every port of the host (development, tests). For them the server answers preflights and tells the browser which headers a script may send
 * and read; for any other origin it answers no preflight, and the browser keeps the page out.
 */
final class CorsPolicy {

    /** What a page's script may send: the token, the content type and the protocol's own request headers. */
    static final String ALLOWED_HEADERS = "authorization, content-type, push-client, push-last-seq, push-topics, "
            + "push-ack, push-session, push-have";
    /**
     * What a page's script may read: the push stream's session and heartbeat, the tags and links of sub-resources,
     * the acknowledged seq and how long to wait after a 503.
     */
    static final String EXPOSED_HEADERS = "push-session, push-heartbeat, push-subresources, push-ack, retry-after, link";
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    /** How long a browser may keep a preflight's answer. */
    static final String MAX_AGE_SECONDS = "600";

    /** The ending of an entry that allows every port of its host. */
    static final String ANY_PORT = ":*";

    private final Set<String> allowed;
    /** {@code scheme://host:} of each entry that allows every port. */
    private final List<String> anyPortOf;

    CorsPolicy(String allowedOrigins) {
        List<String> origins = origins(allowedOrigins);
        this.allowed = origins.stream().filter(origin -> !origin.endsWith(ANY_PORT)).collect(Collectors.toUnmodifiableSet());
        this.anyPortOf = origins.stream().filter(origin -> origin.endsWith(ANY_PORT))
                .map(origin -> origin.substring(0, origin.length() - 1)).toList();
    }

    /** The origins of a comma-separated setting, trimmed. */
    static List<String> origins(String setting) {
        return Arrays.stream(setting.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    /**
     * Whether {@code value} is an origin as a browser sends it (scheme and host, maybe a port, nothing else), or such
     * an origin without a port followed by {@link #ANY_PORT}.
     */
    static boolean isOrigin(String value) {
        try {
            URI uri = new URI(value.endsWith(ANY_PORT) ? value.substring(0, value.length() - ANY_PORT.length()) : value);
            if (value.endsWith(ANY_PORT) && uri.getPort() != -1) {
                return false;
            }
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The request's origin when it is one allowed, else null (no origin, or another one). */
    String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        if (allowed.contains(origin)) {
            return origin;
        }
        for (String host : anyPortOf) {
            if (origin.startsWith(host) && origin.length() > host.length()
                    && origin.substring(host.length()).chars().allMatch(Character::isDigit)) {
                return origin;
            }
        }
        return null;
    }

    /** Whether a request is a preflight: {@code OPTIONS} with {@code origin} and {@code access-control-request-method}. */
    static boolean isPreflight(String method, String origin, String requestedMethod) {
        return "OPTIONS".equals(method) && origin != null && requestedMethod != null;
    }

    /** The headers of the {@code 204} to a preflight from an allowed origin. */
    static void preflight(String origin, BiConsumer<String, String> header) {
        answer(origin, header);
        header.accept("access-control-allow-methods", ALLOWED_METHODS);
        header.accept("access-control-allow-headers", ALLOWED_HEADERS);
        header.accept("access-control-max-age", MAX_AGE_SECONDS);
    }

    /** The headers every answer to a request from an allowed origin carries, refusals included. */
    static void answer(String origin, BiConsumer<String, String> header) {
        header.accept("access-control-allow-origin", origin);
        header.accept("access-control-expose-headers", EXPOSED_HEADERS);
        header.accept("vary", "origin");
    }
}
