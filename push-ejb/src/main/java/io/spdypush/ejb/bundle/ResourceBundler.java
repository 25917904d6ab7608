package io.spdypush.ejb.bundle;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Main resources and their sub-resources in one round trip (docs/PROTOCOL.md §3.2). Applications
 * register resources and bundles here ({@code @EJB ResourceBundler bundler; bundler.register(..)});
 * files under the MicroProfile Config property {@code spdypush.staticDirectory} are served too.
 * Business requests that no bean of the application answers come here.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ResourceBundler {

    private static final Logger LOG = Logger.getLogger(ResourceBundler.class.getName());
    private static final String MAX_CACHED_BUNDLES = "spdypush.maxCachedBundles";
    private static final String MAX_CACHED_BUNDLE_BYTES = "spdypush.maxCachedBundleBytes";

    @Inject
    @ConfigProperty(name = "spdypush.staticDirectory")
    Optional<String> staticDirectory;

    /** Larger sub-resources are tagged but not pushed (the adapter's maxPayloadBytes bounds them too). */
    @Inject
    @ConfigProperty(name = "spdypush.maxSubresourceBytes", defaultValue = "1048576")
    int maxSubresourceBytes;

    /** Bundles cached at most; beyond, the least recently used go. */
    @Inject
    @ConfigProperty(name = MAX_CACHED_BUNDLES, defaultValue = "1000")
    int maxCachedBundles;

    /** Bytes of resources the cached bundles hold at most; beyond, the least recently used go. */
    @Inject
    @ConfigProperty(name = MAX_CACHED_BUNDLE_BYTES, defaultValue = "67108864")
    long maxCachedBundleBytes;

    private Bundles bundles;

    @PostConstruct
    void start() {
        requireAtLeastOne(maxCachedBundles, MAX_CACHED_BUNDLES);
        requireAtLeastOne(maxCachedBundleBytes, MAX_CACHED_BUNDLE_BYTES);
        StaticDirectory files = staticDirectory.filter(directory -> !directory.isBlank())
                .map(directory -> new StaticDirectory(Path.of(directory))).orElse(null);
        bundles = new Bundles(files, maxSubresourceBytes, new BundleCache(maxCachedBundles, maxCachedBundleBytes));
        LOG.log(Level.INFO, "Resource bundles: static files {0}, sub-resources up to {1} bytes pushed, at most {2}"
                + " bundles of {3} bytes together cached", new Object[]{staticDirectory.orElse(
                "(none; set spdypush.staticDirectory)"), maxSubresourceBytes, maxCachedBundles, maxCachedBundleBytes});
    }

    private static void requireAtLeastOne(long value, String property) {
        if (value < 1) {
            throw new IllegalStateException(property + " " + value + " must be at least 1 (MicroProfile Config property "
                    + property + ")");
        }
    }

    /** Serves {@code resource} at its path, replacing what was registered there. */
    public void register(Resource resource) {
        bundles.register(resource);
    }

    /** Serves nothing more at {@code path}, or at the path it normalises to ({@link Resource}). */
    public void unregister(String path) {
        bundles.unregister(path);
    }

    /**
     * The resources served here whose path starts with {@code pathPrefix} (empty: all), registered and
     * static files together, ordered by path, from {@code offset}, at most {@code limit}, each with the
     * sub-resources that come with it: what the resources page shows, one page at a time.
     */
    public List<ResourceSummary> resources(String pathPrefix, int offset, int limit) {
        return bundles.page(pathPrefix, offset, limit);
    }

    /** The answer to a request for a resource: the resource and its sub-resources, 404, or 400. */
    public BusinessResponse answer(BusinessRequest request) {
        return bundles.answer(request);
    }
}
