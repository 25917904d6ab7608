package io.spdypush.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sub-resource the server pushed with a response (docs/PROTOCOL.md §3.2), received whole. Immutable: the headers
 * and the body are copied in and the body is copied out.
 *
 * @param path    the pushed stream's {@code :path}
 * @param status  its {@code :status}
 * @param headers its other headers by name (names lowercase, SPDY pseudo-headers left out), in the order sent
 * @param body    its body bytes
 */
public record PushedResource(String path, int status, Map<String, String> headers, byte[] body) {

    public PushedResource {
        Objects.requireNonNull(path, "path");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's media type as sent ({@code content-type}), or null. */
    public String contentType() {
        return headers.get("content-type");
    }

    /** The body decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PushedResource that
                && path.equals(that.path) && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "PushedResource[" + path + ", status=" + status + ", body=" + body.length + " bytes]";
    }
}
