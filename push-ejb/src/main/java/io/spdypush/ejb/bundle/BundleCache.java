package io.spdypush.ejb.bundle;

import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundles built lately, by normalised path, at most {@code maxBundles} of them holding at most
 * {@code maxBytes} of resources together: beyond either, the least recently used go. A bundle larger
 * than {@code maxBytes} on its own is not kept. Only bundles are kept, never a path without a resource,
 * so what clients ask for can make the cache turn over but not grow. Thread-safe.
 */
final class BundleCache {

    /** A bundle and the modification times of its static files when it was built, to see whether it still holds. */
    record Entry(List<Resource> resources, Map<String, FileTime> fileTimes) {

        long bytes() {
            return resources.stream().mapToLong(Resource::length).sum();
        }
    }

    private final int maxBundles;
    private final long maxBytes;
    /** In access order: the eldest is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    BundleCache(int maxBundles, long maxBytes) {
        this.maxBundles = maxBundles;
        this.maxBytes = maxBytes;
    }

    /** The entry of the normalised path, or null. */
    synchronized Entry get(String path) {
        return entries.get(path);
    }

    synchronized void put(String path, Entry entry) {
        remove(path);
        long entryBytes = entry.bytes();
        if (entryBytes > maxBytes) {
            return;
        }
        Iterator<Entry> eldest = entries.values().iterator();
        while (eldest.hasNext() && (entries.size() >= maxBundles || bytes + entryBytes > maxBytes)) {
            bytes -= eldest.next().bytes();
            eldest.remove();
        }
        entries.put(path, entry);
        bytes += entryBytes;
    }

    synchronized void remove(String path) {
        Entry removed = entries.remove(path);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    synchronized int size() {
        return entries.size();
    }

    /** The bytes of the resources of all bundles kept (a file in two bundles counts twice). */
    synchronized long bytes() {
        return bytes;
    }
}
