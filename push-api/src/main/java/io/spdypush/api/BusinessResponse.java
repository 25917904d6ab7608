package io.spdypush.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The application's answer to a {@link BusinessRequest}, built fluently:
 * {@code BusinessResponse.ok("text/html", page).withSubresource(Subresource.pushed("/app.css", "text/css", css))}.
 *
 * @param status       the HTTP status
 * @param contentType  the body's content type
 * @param body         the body (copied in and out)
 * @param headers      extra reply headers, names lowercase
 * @param subresources sub-resources tagged in the reply and pushed with it (docs/PROTOCOL.md §3.2)
 */
public record BusinessResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                               List<Subresource> subresources) {

    private static final String TEXT = "text/plain; charset=utf-8";

    public BusinessResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not a final HTTP status 200-599");
        }
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("a business response needs a content type");
        }
        body = body.clone();
        headers = Map.copyOf(headers);
        subresources = List.copyOf(subresources);
    }

    public static BusinessResponse ok(String contentType, byte[] body) {
        return of(200, contentType, body);
    }

    public static BusinessResponse ok(String contentType, String text) {
        return ok(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public static BusinessResponse of(int status, String contentType, byte[] body) {
        return new BusinessResponse(status, contentType, body, Map.of(), List.of());
    }

    /** A refusal or error with a short plain-text reason, as docs/PROTOCOL.md §3.2 wants for them. */
    public static BusinessResponse plainText(int status, String reason) {
        return of(status, TEXT, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** This response with one more sub-resource. */
    public BusinessResponse withSubresource(Subresource subresource) {
        List<Subresource> more = new ArrayList<>(subresources);
        more.add(subresource);
        return new BusinessResponse(status, contentType, body, headers, more);
    }

    /** This response with one more reply header (not one the protocol sets itself). */
    public BusinessResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), value);
        return new BusinessResponse(status, contentType, body, more, subresources);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessResponse that && status == that.status && contentType.equals(that.contentType)
                && Arrays.equals(body, that.body) && headers.equals(that.headers)
                && subresources.equals(that.subresources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers, subresources);
    }

    @Override
    public String toString() {
        return "BusinessResponse[" + status + ", " + contentType + ", " + body.length + " bytes, "
                + subresources.size() + " sub-resources]";
    }
}
