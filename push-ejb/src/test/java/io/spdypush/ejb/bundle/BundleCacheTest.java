package io.spdypush.ejb.bundle;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

class BundleCacheTest {

    @Test
    void theLeastRecentlyUsedBundleGoesWhenThereAreTooMany() {
        BundleCache cache = new BundleCache(2, 1_000);
        cache.put("/first", bundleOf(10));
        cache.put("/second", bundleOf(10));
        cache.get("/first");
        cache.put("/third", bundleOf(10));

        assertThat(cache.get("/second"), is(nullValue()));
        assertThat(cache.get("/first"), is(notNullValue()));
        assertThat(cache.get("/third"), is(notNullValue()));
        assertThat(cache.bytes(), is(20L));
    }

    @Test
    void theLeastRecentlyUsedBundlesGoUntilTheNewOneFitsTheBytes() {
        BundleCache cache = new BundleCache(10, 100);
        cache.put("/a", bundleOf(40));
        cache.put("/b", bundleOf(40));
        cache.put("/c", bundleOf(20));
        cache.get("/a");
        cache.put("/d", bundleOf(50));

        assertThat(cache.get("/b"), is(nullValue()));
        assertThat(cache.get("/c"), is(nullValue()));
        assertThat(cache.size(), is(2));
        assertThat(cache.bytes(), is(90L));
    }

    @Test
    void aBundleReplacedUnderItsPathIsCountedOnce() {
        BundleCache cache = new BundleCache(10, 100);
        cache.put("/a", bundleOf(40));
        cache.put("/a", bundleOf(30));
        assertThat(cache.size(), is(1));
        assertThat(cache.bytes(), is(30L));
        cache.remove("/a");
        assertThat(cache.bytes(), is(0L));
    }

    private static BundleCache.Entry bundleOf(int bytes) {
        return new BundleCache.Entry(List.of(Resource.of("/r", "text/plain", new byte[bytes])), Map.of());
    }
}
