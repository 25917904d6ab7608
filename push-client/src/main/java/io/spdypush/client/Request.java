package io.spdypush.client;

import io.spdypush.protocol.PushHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A business request (docs/PROTOCOL.md §3.2), built fluently and immutable at every step:
 * {@code Request.to("/orders").method("POST").body("application/json", json)}.
 *
 * @param method      the HTTP method, {@code GET} unless given
 * @param path        the {@code :path}, starting with {@code /}
 * @param headers     further headers by lowercase name, in the order given; not those the client writes
 *                    itself (see {@link #header})
 * @param contentType the body's content type, or null when there is no body
 * @param body        the body bytes, empty when there is none (copied in and out)
 */
public record Request(String method, String path, Map<String, String> headers, String contentType, byte[] body) {

    private static final byte[] EMPTY = new byte[0];
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");
    /**
     * Headers a caller may not set: SPDY/3 forbids the connection-specific ones, and the rest are written by
     * the client itself, from the method, the path, the body and the resource cache.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "host", "content-type", "content-length", PushHeaders.PUSH_HAVE);

    public Request {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method " + quoted(method) + " is invalid: use 1-20 letters A-Z");
        }
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("path " + quoted(path) + " is invalid: it must start with / and"
                    + " contain no spaces or control characters");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach((name, value) -> {
            requireSettableName(name);
            requireValidValue(name, value);
        });
        body = body.clone();
        if (body.length > 0 && contentType == null) {
            throw new IllegalArgumentException("a request body needs a content type");
        }
        if (contentType != null) {
            requireValidValue("content-type", contentType);
        }
    }

    /** A {@code GET} of the path, without headers or body. */
    public static Request to(String path) {
        return new Request("GET", path, Map.of(), null, EMPTY);
    }

    /** This request with another method, e.g. {@code POST}. */
    public Request method(String method) {
        return new Request(method, path, headers, contentType, body);
    }

    /**
     * This request with one more header, or another value for it. The name is lowercased, as SPDY requires;
     * pseudo-headers, connection-specific headers, {@code host}, {@code content-type}, {@code content-length}
     * and {@code push-have} are set by the client and refused here.
     */
    public Request header(String name, String value) {
        String lowercase = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(lowercase, value);
        return new Request(method, path, more, contentType, body);
    }

    /** This request with a body of the given content type; an empty body means none. */
    public Request body(String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "contentType");
        return new Request(method, path, headers, body.length == 0 ? null : contentType, body);
    }

    /** This request with a UTF-8 text body ({@code text/plain; charset=utf-8}). */
    public Request text(String text) {
        return body("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Request that
                && method.equals(that.method) && path.equals(that.path) && headers.equals(that.headers)
                && Objects.equals(contentType, that.contentType) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, headers, contentType, Arrays.hashCode(body));
    }

    /** Method and path, as in a log line; header values may hold credentials and stay out. */
    @Override
    public String toString() {
        return method + " " + path;
    }

    private static void requireSettableName(String name) {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("header name " + quoted(name) + " is invalid: use lowercase token"
                    + " characters (no pseudo-headers)");
        }
        if (RESERVED_HEADERS.contains(name)) {
            throw new IllegalArgumentException("header " + name + " cannot be set on a request: the client writes"
                    + " it itself");
        }
    }

    private static void requireValidValue(String name, String value) {
        if (value == null || value.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("header " + name + " has an invalid value " + quoted(value));
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
