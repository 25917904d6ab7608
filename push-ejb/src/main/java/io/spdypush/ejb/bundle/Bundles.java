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
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a business request with a main resource and its sub-resources (docs/PROTOCOL.md §3.2),
 * from two sources: resources the application registered, then a directory of static files.
 * Sub-resources are those a registered bundle names, or those found in the resource's HTML or
 * CSS, and what the style sheets among them refer to in turn. One over the size limit is only
 * tagged. Bundles are cached by their normalised path ({@link ResourcePath}) until a registration
 * changes or a file of theirs is modified, in a {@link BundleCache} of bounded size. Thread-safe.
 */
final class Bundles {

    private static final Logger LOG = Logger.getLogger(Bundles.class.getName());

    /** Sorted by path, so that the resources page reads one page of them. */
    private final ConcurrentNavigableMap<String, Resource> registered = new ConcurrentSkipListMap<>();
    private final BundleCache cache;
    private final StaticDirectory staticFiles;
    private final int maxSubresourceBytes;

    /** @param staticFiles the static directory, or null when there is none */
    Bundles(StaticDirectory staticFiles, int maxSubresourceBytes, BundleCache cache) {
        this.staticFiles = staticFiles;
        this.maxSubresourceBytes = maxSubresourceBytes;
        this.cache = cache;
    }

    /** Registers the resource at its path, which {@link Resource} keeps normalised. */
    void register(Resource resource) {
        registered.put(resource.path(), resource);
        cache.clear();
    }

    void unregister(String path) {
        try {
            registered.remove(ResourcePath.normalised(path));
            cache.clear();
        } catch (ResourcePath.OutsideTheRoot e) {
            // Nothing can be registered there.
        }
    }

    /** The answer: the main resource with its sub-resources, 404 when unknown, 400 for a path out of bounds. */
    BusinessResponse answer(BusinessRequest request) {
        if (!"GET".equals(request.method())) {
            return BusinessResponse.plainText(405, request.method() + " is not allowed on resources; use GET");
        }
        try {
            String path = ResourcePath.normalised(pathOf(request.path()));
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
        } catch (ResourcePath.OutsideTheRoot e) {
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

    /** What the resources page shows of one (normalised) path; empty when it went away meanwhile. */
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
        List<Resource> cached = cachedBundle(path);
        return cached != null ? cached : build(path);
    }

    /**
     * The main resource first, then its sub-resources; empty when there is no main resource, which is
     * not cached: paths without a resource are as many as clients care to make up.
     */
    private List<Resource> bundle(String path) {
        List<Resource> cached = cachedBundle(path);
        if (cached != null) {
            return cached;
        }
        List<Resource> resources = build(path);
        if (!resources.isEmpty()) {
            cache.put(path, new BundleCache.Entry(resources, fileTimes(resources)));
        }
        return resources;
    }

    /** The cached bundle of the normalised path while none of its files changed, else null. */
    private List<Resource> cachedBundle(String path) {
        BundleCache.Entry cached = cache.get(path);
        if (cached == null) {
            return null;
        }
        if (!stillHolds(cached)) {
            cache.remove(path); // its files changed or went away: it would only take room
            return null;
        }
        return cached.resources();
    }

    private List<Resource> build(String path) {
        Optional<Resource> main = find(path);
        if (main.isEmpty()) {
            return List.of();
        }
        Map<String, Resource> members = new LinkedHashMap<>();
        members.put(path, main.get());
        for (String subPath : subresourcePaths(main.get())) {
            findSubresource(subPath).ifPresent(sub -> {
                if (members.putIfAbsent(sub.path(), sub) == null && sub.subresources() == null) {
                    // What a style sheet imports or shows comes with the page, one level down.
                    for (String nested : SubresourceDiscovery.of(sub)) {
                        findSubresource(nested).ifPresent(resource -> members.putIfAbsent(resource.path(), resource));
                    }
                }
            });
        }
        return List.copyOf(members.values());
    }

    /** A sub-resource; one whose path leaves the root is not there, and does not cost the page its answer. */
    private Optional<Resource> findSubresource(String path) {
        try {
            return find(ResourcePath.normalised(path));
        } catch (ResourcePath.OutsideTheRoot e) {
            return Optional.empty();
        }
    }

    private static List<String> subresourcePaths(Resource main) {
        return main.subresources() != null ? main.subresources() : SubresourceDiscovery.of(main);
    }

    /** The resource at the normalised path, registered or a static file. */
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

    private boolean stillHolds(BundleCache.Entry cached) {
        return cached.fileTimes().entrySet().stream()
                .allMatch(file -> Objects.equals(staticFiles.modified(file.getKey()), file.getValue()));
    }

    /** The path without its query. */
    private static String pathOf(String requestPath) {
        int query = requestPath.indexOf('?');
        return query < 0 ? requestPath : requestPath.substring(0, query);
    }

    /** For tests: how many bundles are cached. */
    int cachedBundles() {
        return cache.size();
    }

    /** For tests: how many bytes of resources the cached bundles hold. */
    long cachedBytes() {
        return cache.bytes();
    }
}
