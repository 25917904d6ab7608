package io.spdypush.ejb.bundle;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;

import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a business request with a main resource and its sub-resources (PROTOCOL.md §3.2),
 * from two sources: resources the application registered, then a directory of static files.
 * Sub-resources are those a registered bundle names, or those found in the resource's HTML or
 * CSS, and what the style sheets among them refer to in turn. One over the size limit is only
 * tagged. Bundles are cached until a registration changes or a file of theirs is modified.
 * Thread-safe.
 */
final class Bundles {

    private static final Logger LOG = Logger.getLogger(Bundles.class.getName());

    /** Sorted by path, so that the resources page reads one page of them. */
    private final ConcurrentNavigableMap<String, Resource> registered = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, CachedBundle> cache = new ConcurrentHashMap<>();
    private final StaticDirectory staticFiles;
    private final int maxSubresourceBytes;

    /** What a cached bundle was built from, to see whether it still holds. */
    private record CachedBundle(List<Resource> resources, Map<String, FileTime> fileTimes) {
    }

    /** @param staticFiles the static directory, or null when there is none */
    Bundles(StaticDirectory staticFiles, int maxSubresourceBytes) {
        this.staticFiles = staticFiles;
        this.maxSubresourceBytes = maxSubresourceBytes;
    }

    void register(Resource resource) {
        registered.put(resource.path(), resource);
        cache.clear();
    }

    void unregister(String path) {
        registered.remove(path);
        cache.clear();
    }

    /** The answer: the main resource with its sub-resources, 404 when unknown, 400 for a path out of bounds. */
    BusinessResponse answer(BusinessRequest request) {
        String path = pathOf(request.path());
        if (!"GET".equals(request.method())) {
            return BusinessResponse.plainText(405, request.method() + " is not allowed on resources; use GET");
        }
        try {
            List<Resource> bundle = bundle(path);
            if (bundle.isEmpty()) {
                return BusinessResponse.plainText(404, "no resource at " + path);
            }
            Resource main = bundle.get(0);
            BusinessResponse response = BusinessResponse.ok(main.contentType(), main.body());
            for (Resource sub : bundle.subList(1, bundle.size())) {
                response = response.withSubresource(sub.length() > maxSubresourceBytes
                        ? Subresource.tagged(sub.path())
                        : Subresource.pushed(sub.path(), sub.contentType(), sub.body()));
            }
            return response;
        } catch (StaticDirectory.OutsideTheDirectory e) {
            LOG.log(Level.WARNING, "Refused {0} from client {1}: {2}",
                    new Object[]{request.path(), request.clientId(), e.getMessage()});
            return BusinessResponse.plainText(400, "the path leaves the resource directory");
        }
    }

    /**
     * The resources whose path starts with {@code pathPrefix}, registered and static files together,
     * ordered by path, from {@code offset}, at most {@code limit}, each with its bundle. A page costs
     * O(log n + offset + limit) and a look at each static directory's modification time, and it reads
     * the files of its own bundles only.
     */
    List<ResourceSummary> page(String pathPrefix, int offset, int limit) {
        Iterator<String> registeredPaths = registered.tailMap(pathPrefix).keySet().iterator();
        List<String> files = staticFiles == null ? List.of() : staticFiles.paths();
        int fileIndex = Collections.binarySearch(files, pathPrefix);
        Iterator<String> filePaths = files.listIterator(fileIndex < 0 ? -fileIndex - 1 : fileIndex);
        List<ResourceSummary> page = new ArrayList<>(limit);
        String nextRegistered = nextWithPrefix(registeredPaths, pathPrefix);
        String nextFile = nextWithPrefix(filePaths, pathPrefix);
        int skipped = 0;
        while ((nextRegistered != null || nextFile != null) && page.size() < limit) {
            int order = nextRegistered == null ? 1 : nextFile == null ? -1 : nextRegistered.compareTo(nextFile);
            String path = order <= 0 ? nextRegistered : nextFile;
            if (order <= 0) {
                nextRegistered = nextWithPrefix(registeredPaths, pathPrefix);
            }
            if (order >= 0) {
                nextFile = nextWithPrefix(filePaths, pathPrefix); // a registered resource hides the file
            }
            if (skipped < offset) {
                skipped++;
            } else {
                summary(path).ifPresent(page::add);
            }
        }
        return page;
    }

    private static String nextWithPrefix(Iterator<String> paths, String prefix) {
        if (!paths.hasNext()) {
            return null;
        }
        String path = paths.next();
        return path.startsWith(prefix) ? path : null;
    }

    /** What the resources page shows of one path; empty when it went away meanwhile. */
    private Optional<ResourceSummary> summary(String path) {
        Resource main = registered.get(path);
        ResourceSummary.Origin origin = main != null ? ResourceSummary.Origin.REGISTERED
                : ResourceSummary.Origin.STATIC_FILE;
        String contentType = main != null ? main.contentType()
                : ContentTypes.ofFileName(path.substring(path.lastIndexOf('/') + 1));
        boolean hasBundle = main != null && main.subresources() != null || SubresourceDiscovery.looksInto(contentType);
        List<Resource> bundle = hasBundle ? listedBundle(path) : List.of();
        long length = !bundle.isEmpty() ? bundle.get(0).length() : main != null ? main.length()
                : staticFiles != null ? staticFiles.size(path) : -1;
        if (length < 0) {
            return Optional.empty();
        }
        List<String> pushed = new ArrayList<>();
        List<String> taggedOnly = new ArrayList<>();
        for (Resource sub : bundle.subList(Math.min(1, bundle.size()), bundle.size())) {
            (sub.length() > maxSubresourceBytes ? taggedOnly : pushed).add(sub.path());
        }
        return Optional.of(new ResourceSummary(path, origin, contentType, length, pushed, taggedOnly));
    }

    /** The bundle as a request would get it, from the cache if it holds one, without filling the cache. */
    private List<Resource> listedBundle(String path) {
        try {
            List<Resource> cached = cachedBundle(path);
            return cached != null ? cached : build(path);
        } catch (StaticDirectory.OutsideTheDirectory e) {
            return List.of();
        }
    }

    /** The main resource first, then its sub-resources; empty when there is no main resource. */
    private List<Resource> bundle(String path) {
        List<Resource> cached = cachedBundle(path);
        if (cached != null) {
            return cached;
        }
        List<Resource> resources = build(path);
        if (!resources.isEmpty()) {
            cache.put(path, new CachedBundle(resources, fileTimes(resources)));
        }
        return resources;
    }

    /** The cached bundle of the path while none of its files changed, else null. */
    private List<Resource> cachedBundle(String path) {
        CachedBundle cached = cache.get(path);
        return cached != null && stillHolds(cached) ? cached.resources() : null;
    }

    private List<Resource> build(String path) {
        Optional<Resource> main = find(path);
        if (main.isEmpty()) {
            return List.of();
        }
        Map<String, Resource> members = new LinkedHashMap<>();
        members.put(path, main.get());
        for (String subPath : subresourcePaths(main.get())) {
            find(subPath).ifPresent(sub -> {
                if (members.putIfAbsent(subPath, sub) == null && sub.subresources() == null) {
                    // What a style sheet imports or shows comes with the page, one level down.
                    for (String nested : SubresourceDiscovery.of(sub)) {
                        find(nested).ifPresent(resource -> members.putIfAbsent(nested, resource));
                    }
                }
            });
        }
        return List.copyOf(members.values());
    }

    private static List<String> subresourcePaths(Resource main) {
        return main.subresources() != null ? main.subresources() : SubresourceDiscovery.of(main);
    }

    private Optional<Resource> find(String path) {
        Resource resource = registered.get(path);
        if (resource != null || staticFiles == null) {
            return Optional.ofNullable(resource);
        }
        return staticFiles.find(path);
    }

    private Map<String, FileTime> fileTimes(List<Resource> resources) {
        Map<String, FileTime> times = new LinkedHashMap<>();
        if (staticFiles != null) {
            for (Resource resource : resources) {
                if (!registered.containsKey(resource.path())) {
                    times.put(resource.path(), staticFiles.modified(resource.path()));
                }
            }
        }
        return times;
    }

    private boolean stillHolds(CachedBundle cached) {
        return cached.fileTimes().entrySet().stream()
                .allMatch(file -> Objects.equals(staticFiles.modified(file.getKey()), file.getValue()));
    }

    /** The path without its query. */
    private static String pathOf(String requestPath) {
        int query = requestPath.indexOf('?');
        return query < 0 ? requestPath : requestPath.substring(0, query);
    }

    /** For tests and pages: how many bundles are cached. */
    int cachedBundles() {
        return cache.size();
    }
}
