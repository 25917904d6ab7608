package io.spdypush.ejb.bundle;

import java.util.List;

/**
 * A resource the {@link ResourceBundler} serves and its bundle, as the resources page lists them.
 *
 * @param path        its path
 * @param origin      whether the application registered it or it is a file of the static directory
 * @param contentType its content type
 * @param length      its size in bytes
 * @param pushed      the paths of the sub-resources pushed with it, in the order they are sent
 * @param taggedOnly  the paths of its sub-resources over {@code spdypush.maxSubresourceBytes}: named in
 *                    {@code push-subresources}, not pushed
 */
public record ResourceSummary(String path, Origin origin, String contentType, long length, List<String> pushed,
                              List<String> taggedOnly) {

    /** Where a resource comes from; a registered one hides a file with the same path. */
    public enum Origin {
        REGISTERED, STATIC_FILE
    }

    public ResourceSummary {
        pushed = List.copyOf(pushed);
        taggedOnly = List.copyOf(taggedOnly);
    }
}
