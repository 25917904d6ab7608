package io.spdypush.ejb.bundle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A resource a client can ask for by path: its content and, when the application says so, the
 * paths of its sub-resources (otherwise they are discovered from the content).
 *
 * @param path         its path, starting with {@code /}; kept normalised, so {@code /app//./a.css} is
 *                     {@code /app/a.css}, the path requests for either spelling find
 * @param contentType  its content type
 * @param body         its content (copied in and out)
 * @param subresources the paths of its sub-resources, or null to discover them from the content
 */
public record Resource(String path, String contentType, byte[] body, List<String> subresources) {

    public Resource {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("resource path " + path + " must start with /");
        }
        try {
            path = ResourcePath.normalised(path);
        } catch (ResourcePath.OutsideTheRoot e) {
            throw new IllegalArgumentException("resource path " + path + " leaves / (a .. too many, a NUL or a"
                    + " backslash); give the path from / without them", e);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
        subresources = subresources == null ? null : List.copyOf(subresources);
    }

    /** A resource whose sub-resources are found in its content (HTML, CSS). */
    public static Resource of(String path, String contentType, byte[] body) {
        return new Resource(path, contentType, body, null);
    }

    /** A bundle: a resource with the sub-resources the application names. */
    public static Resource bundle(String path, String contentType, byte[] body, List<String> subresources) {
        return new Resource(path, contentType, body, Objects.requireNonNull(subresources, "subresources"));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int length() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resource that && path.equals(that.path) && contentType.equals(that.contentType)
                && Arrays.equals(body, that.body) && Objects.equals(subresources, that.subresources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, contentType, Arrays.hashCode(body), subresources);
    }

    @Override
    public String toString() {
        return "Resource[" + path + ", " + contentType + ", " + body.length + " bytes]";
    }
}
