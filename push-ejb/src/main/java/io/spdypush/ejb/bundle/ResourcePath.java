package io.spdypush.ejb.bundle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one spelling of a resource path by which resources are registered, found and their bundles
 * cached: {@code //a.html}, {@code /./a.html}, {@code /x/../a.html} and {@code /a.html/} are all
 * {@code /a.html}, so that spelling a path another way neither finds something else nor caches
 * another copy. Percent-escapes of a requested path are not decoded, {@code /%61.html} names a file
 * of that name, so they are no other spelling (links found in pages are decoded, as URIs are).
 */
final class ResourcePath {

    /** A path that climbs above {@code /} (such as {@code /../secret}) or that no file system takes as one name. */
    static final class OutsideTheRoot extends RuntimeException {
        OutsideTheRoot(String path) {
            super("path " + path + " leaves the resource root", null, false, false);
        }
    }

    private ResourcePath() {
    }

    /**
     * The path without empty and {@code .} segments, each {@code ..} taking away the segment before it,
     * and without a trailing {@code /}.
     *
     * @throws OutsideTheRoot when a {@code ..} climbs above {@code /}, or the path holds a NUL or a backslash
     */
    static String normalised(String path) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw new OutsideTheRoot(path);
        }
        Deque<String> segments = new ArrayDeque<>();
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                if (segments.pollLast() == null) {
                    throw new OutsideTheRoot(path);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
            start = end + 1;
        }
        return "/" + String.join("/", segments);
    }
}
