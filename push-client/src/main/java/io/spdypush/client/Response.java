package io.spdypush.client;

import io.spdypush.protocol.PushHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server's answer to a business request (docs/PROTOCOL.md §3.2), with the sub-resources it pushed for it.
 * A refusal (4xx, 5xx) is a response too, its body a short plain-text reason. Immutable: the headers, the
 * body and the list are copied in, the body is copied out.
 *
 * @param status       the reply's {@code :status}
 * @param headers      the reply's other headers by name (names lowercase, SPDY pseudo-headers left out), in
 *                     the order sent; values of a repeated header are joined with ", "
 * @param body         the reply's body bytes
 * @param subresources the resources pushed for this request and received whole, in the order the server
 *                     opened their streams; not those it reset, nor those the client cancelled because its
 *                     {@link ResourceCache} held them already
 */
public record Response(int status, Map<String, String> headers, byte[] body, List<PushedResource> subresources) {


    public Response {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
        subresources = List.copyOf(subresources);
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

    /**
     * The sub-resource tags: the paths in the reply's {@code push-subresources}, in order. They name every
     * sub-resource of the response, also those the server did not push (for example because the request's
     * {@code push-have} listed them).
     */
    public List<String> subresourceTags() {
        String tags = headers.get(PushHeaders.PUSH_SUBRESOURCES);
        if (tags == null) {
            return List.of();
        }
        return Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Response that
                && status == that.status && headers.equals(that.headers) && Arrays.equals(body, that.body)
                && subresources.equals(that.subresources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body), subresources);
    }

    @Override
    public String toString() {
        return "Response[status=" + status + ", body=" + body.length + " bytes, subresources="
                + subresources.stream().map(PushedResource::path).toList() + "]";
    }
}
