package io.spdypush.ejb.bundle;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class BundlesTest {

    @TempDir
    Path directory;

    @Test
    void aStaticPageComesWithItsSubresourcesAndWhatItsStyleSheetImports() throws Exception {
        write("site/index.html", "<link rel=stylesheet href=site.css><img src=logo.png><img src=missing.png>");
        write("site/site.css", "@import 'theme.css'; h1 { color: red }");
        write("site/theme.css", ":root { --x: 1 }");
        write("site/logo.png", "PNG");
        BusinessResponse response = bundles(1024).answer(get("/site/index.html"));

        assertThat(response.status(), is(200));
        assertThat(response.contentType(), is("text/html; charset=utf-8"));
        assertThat(paths(response), contains("/site/site.css", "/site/theme.css", "/site/logo.png"));
        assertThat(response.subresources().get(0).contentType(), is("text/css; charset=utf-8"));
        assertThat(new String(response.subresources().get(2).body(), StandardCharsets.UTF_8), is("PNG"));
    }

    @Test
    void aRegisteredBundleNamesItsOwnSubresourcesAndWinsOverFiles() throws Exception {
        write("app/index.html", "<img src=from-file.png>");
        Bundles bundles = bundles(1024);
        bundles.register(Resource.bundle("/app/index.html", "text/html", "<p>registered</p>".getBytes(),
                List.of("/app/data.json")));
        bundles.register(Resource.of("/app/data.json", "application/json", "{}".getBytes()));

        BusinessResponse response = bundles.answer(get("/app/index.html"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8), is("<p>registered</p>"));
        assertThat(paths(response), contains("/app/data.json"));
    }

    @Test
    void aSubresourceOverTheLimitIsTaggedButNotPushed() throws Exception {
        write("big/index.html", "<img src=small.png><img src=large.png>");
        write("big/small.png", "x".repeat(10));
        write("big/large.png", "x".repeat(100));
        List<Subresource> subresources = bundles(50).answer(get("/big/index.html")).subresources();
        assertThat(subresources.get(0).hasContent(), is(true));
        assertThat(subresources.get(1).path(), is("/big/large.png"));
        assertThat(subresources.get(1).hasContent(), is(false));
    }

    @Test
    void anUnknownPathGets404AndAPathLeavingTheDirectoryGets400() throws Exception {
        write("inside.txt", "ok");
        Files.writeString(directory.getParent().resolve("secret.txt"), "secret");
        Bundles bundles = bundles(1024);
        assertThat(bundles.answer(get("/nothing.html")).status(), is(404));
        assertThat(bundles.answer(get("/../secret.txt")).status(), is(400));
        assertThat(bundles.answer(get("/a/../../secret.txt")).status(), is(400));
        assertThat(bundles.answer(get("/inside.txt?v=2")).status(), is(200));
        assertThat(bundles.answer(new BusinessRequest("c", "s", "POST", "/inside.txt", Map.of(), new byte[0]))
                .status(), is(405));
    }

    @Test
    void everySpellingOfAPathFindsTheSameResourceAndSharesOneCachedBundle() throws Exception {
        write("a/page.html", "<img src=../logo.png><img src=./../logo.png><img src=/../../outside.png>");
        write("logo.png", "PNG");
        Bundles bundles = bundles(1024);
        for (String alias : List.of("/a/page.html", "//a/page.html", "/./a/page.html", "/x/../a/page.html",
                "/a//page.html", "/a/page.html/", "/a/./page.html?v=2", "/a/b/c/../../page.html")) {
            BusinessResponse response = bundles.answer(get(alias));
            assertThat(alias, response.status(), is(200));
            assertThat(alias, paths(response), contains("/logo.png"));
        }
        assertThat(bundles.cachedBundles(), is(1));

        bundles.register(Resource.of("/r//./registered.txt", "text/plain", "R".getBytes()));
        assertThat(bundles.answer(get("/x/../r/registered.txt")).status(), is(200));
        bundles.unregister("/r/registered.txt/");
        assertThat(bundles.answer(get("/r/registered.txt")).status(), is(404));
    }

    @Test
    void theCacheStaysWithinItsBoundsWhateverPathsAreAskedFor() throws Exception {
        for (int i = 0; i < 50; i++) {
            write(String.format("many/%02d.html", i), "<img src=logo.png>" + "x".repeat(100));
        }
        write("many/logo.png", "PNG");
        Bundles bundles = new Bundles(new StaticDirectory(directory), 1024, new BundleCache(10, 1_000));
        for (int i = 0; i < 50; i++) {
            for (String alias : List.of("/many/%02d.html", "//many/%02d.html", "/./many/%02d.html",
                    "/x/../many/%02d.html", "/many/%02d.html/")) {
                assertThat(bundles.answer(get(String.format(alias, i))).status(), is(200));
            }
            for (int missing = 0; missing < 20; missing++) {
                assertThat(bundles.answer(get("/many/missing-" + i + "-" + missing + ".html")).status(), is(404));
            }
            assertThat(bundles.cachedBundles(), is(lessThanOrEqualTo(10)));
            assertThat(bundles.cachedBytes(), is(lessThanOrEqualTo(1_000L)));
        }
        assertThat("each bundle holds 121 bytes: eight of them fit", bundles.cachedBundles(), is(8));
    }

    @Test
    void aBundleLargerThanTheWholeCacheIsAnsweredButNotKept() throws Exception {
        write("huge.txt", "x".repeat(2_000));
        Bundles bundles = new Bundles(new StaticDirectory(directory), 1024, new BundleCache(10, 1_000));
        assertThat(bundles.answer(get("/huge.txt")).status(), is(200));
        assertThat(bundles.cachedBundles(), is(0));
    }

    @Test
    void aCachedBundleIsRebuiltWhenAFileOfItChangesOrARegistrationDoes() throws Exception {
        write("c/index.html", "<img src=a.png>");
        write("c/a.png", "A");
        write("c/b.png", "B");
        Bundles bundles = bundles(1024);
        assertThat(paths(bundles.answer(get("/c/index.html"))), contains("/c/a.png"));
        assertThat(bundles.cachedBundles(), is(1));

        Path page = write("c/index.html", "<img src=b.png>");
        Files.setLastModifiedTime(page, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(paths(bundles.answer(get("/c/index.html"))), contains("/c/b.png"));

        bundles.register(Resource.of("/c/index.html", "text/html", "<img src=a.png>".getBytes()));
        assertThat(paths(bundles.answer(get("/c/index.html"))), contains("/c/a.png"));
    }

    @Test
    void resourcesArePagedInPathOrderWithTheBundlesTheyComeWith() throws Exception {
        String page = "<link rel=stylesheet href=site.css><img src=logo.png><img src=big.png>";
        write("site/index.html", page);
        write("site/site.css", "@import 'theme.css';");
        write("site/theme.css", ":root { --x: 1 }");
        write("site/logo.png", "PNG");
        write("site/big.png", "x".repeat(100));
        write("app/index.html", "<p>the file, hidden by the registered page</p>");
        Bundles bundles = bundles(50);
        bundles.register(Resource.bundle("/app/index.html", "text/html", "<p>registered</p>".getBytes(),
                List.of("/app/data.json")));
        bundles.register(Resource.of("/app/data.json", "application/json", "{}".getBytes()));

        List<ResourceSummary> all = bundles.page("", 0, 100);
        assertThat(all.stream().map(ResourceSummary::path).toList(), contains("/app/data.json", "/app/index.html",
                "/site/big.png", "/site/index.html", "/site/logo.png", "/site/site.css", "/site/theme.css"));
        assertThat(all.get(1), is(new ResourceSummary("/app/index.html", ResourceSummary.Origin.REGISTERED,
                "text/html", 17, List.of("/app/data.json"), List.of())));
        assertThat(all.get(3), is(new ResourceSummary("/site/index.html", ResourceSummary.Origin.STATIC_FILE,
                "text/html; charset=utf-8", page.length(), List.of("/site/site.css", "/site/theme.css", "/site/logo.png"),
                List.of("/site/big.png"))));
        assertThat(all.get(4), is(new ResourceSummary("/site/logo.png", ResourceSummary.Origin.STATIC_FILE,
                "image/png", 3, List.of(), List.of())));

        assertThat(bundles.page("/site/", 1, 2).stream().map(ResourceSummary::path).toList(),
                contains("/site/index.html", "/site/logo.png"));
        assertThat(bundles.page("/app/i", 0, 10).stream().map(ResourceSummary::path).toList(),
                contains("/app/index.html"));
        assertThat(bundles.page("/nothing", 0, 10), is(empty()));
        assertThat("listing fills no cache that requests would keep", bundles.cachedBundles(), is(0));
    }

    @Test
    void aFileAddedOrRemovedShowsInTheNextListing() throws Exception {
        write("a/one.txt", "1");
        Bundles bundles = bundles(1024);
        assertThat(paths(bundles.page("", 0, 10)), contains("/a/one.txt"));

        write("a/b/two.txt", "2");
        assertThat(paths(bundles.page("", 0, 10)), contains("/a/b/two.txt", "/a/one.txt"));
        write("a/b/three.txt", "3");
        Files.delete(directory.resolve("a/one.txt"));
        assertThat(paths(bundles.page("", 0, 10)), contains("/a/b/three.txt", "/a/b/two.txt"));
    }

    @Test
    void aPageOfAHundredThousandResourcesCostsNoMoreThanItsOwnRows() throws Exception {
        Bundles bundles = bundles(1024);
        for (int i = 0; i < 100_000; i++) {
            bundles.register(Resource.of(String.format("/registered/%06d.txt", i), "text/plain", new byte[]{1}));
        }
        Path many = Files.createDirectories(directory.resolve("files"));
        for (int i = 0; i < 2_000; i++) {
            Files.write(many.resolve(String.format("%05d.html", i)), "<img src=x.png>".getBytes());
        }
        assertThat(bundles.page("/files/", 1_990, 50).size(), is(10));

        long start = System.nanoTime();
        List<ResourceSummary> page = bundles.page("/registered/0500", 50, 50);
        List<ResourceSummary> files = bundles.page("/files/", 1_000, 50);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(page.get(0).path(), is("/registered/050050.txt"));
        assertThat(files.get(0).path(), is("/files/01000.html"));
        assertThat("two pages, in " + millis + " ms", millis, lessThan(1000L));
    }

    private static List<String> paths(List<ResourceSummary> page) {
        return page.stream().map(ResourceSummary::path).toList();
    }

    private Bundles bundles(int maxSubresourceBytes) {
        return new Bundles(new StaticDirectory(directory), maxSubresourceBytes, new BundleCache(1000, 1 << 20));
    }

    private Path write(String relative, String content) throws Exception {
        Path file = directory.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static BusinessRequest get(String path) {
        return new BusinessRequest("device-1", "session-1", "GET", path, Map.of(), new byte[0]);
    }

    private static List<String> paths(BusinessResponse response) {
        return response.subresources().stream().map(Subresource::path).toList();
    }
}
