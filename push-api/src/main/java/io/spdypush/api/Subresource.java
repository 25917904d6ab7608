package io.spdypush.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sub-resource of a business response (docs/PROTOCOL.md §3.2): tagged in the reply's
 * {@code push-subresources} and, when its content is given, pushed on its own stream.
 *
 * @param path        its path, as the client would request it
 * @param contentType its content type, or null when only tagged
 * @param body        its content, or null when only tagged (copied in and out)
 */
public record Subresource(String path, String contentType, byte[] body) {

    public Subresource {
        if (path == null || !path.startsWith("/") || path.indexOf(',') >= 0 || path.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("sub-resource path " + path
                    + " must start with / and hold no comma, space or control character");
        }
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException("sub-resource " + path + " needs both a content type and a body,"
                    + " or neither to be only tagged");
        }
        body = body == null ? null : body.clone();
    }

    /** A sub-resource pushed with its content. */
    public static Subresource pushed(String path, String contentType, byte[] body) {
        return new Subresource(path, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body"));
    }

    /** A sub-resource pushed with UTF-8 text content. */
    public static Subresource pushed(String path, String contentType, String text) {
        return pushed(path, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A sub-resource only tagged in the reply: the client fetches it itself if it needs it. */
    public static Subresource tagged(String path) {
        return new Subresource(path, null, null);
    }

    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    public boolean hasContent() {
        return body != null;
    }

    public int length() {
        return body == null ? 0 : body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subresource that && path.equals(that.path)
                && Objects.equals(contentType, that.contentType) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Subresource[" + path + (body == null ? ", tagged only" : ", " + contentType + ", " + body.length
                + " bytes") + "]";
    }
}
