package io.spdypush.bench.bundle;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.ResourceCache;
import io.spdypush.client.Response;
import io.spdypush.protocol.Tokens;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time to a complete page with N sub-resources (issue 6): the page and its sub-resources pushed in
 * answer to one request, against the same page fetched without pushes and then each
 * sub-resource requested, all at once, on the same SPDY session. Both go through a
 * {@link DelayProxy}, so each round trip costs what it costs on a network.
 */
public final class BundleBench {

    /** Sub-resource counts measured. */
    public static final List<Integer> SIZES = List.of(1, 10, 50);
    private static final int IMAGE_BYTES = 4096;

    /** The times for one page size, in microseconds. */
    public record Result(int subresources, Histogram pushed, Histogram fetched) {

        public double ratio() {
            return (double) fetched.getValueAtPercentile(50) / pushed.getValueAtPercentile(50);
        }
    }

    private BundleBench() {
    }

    /**
     * Writes the pages into {@code staticDirectory} (the server's {@code spdypush.staticDirectory})
     * and measures each size {@code iterations} times.
     */
    public static List<Result> run(String host, int spdyPort, String tokenSecret, Path staticDirectory,
                                   Duration roundTrip, int iterations) throws Exception {
        for (int size : SIZES) {
            writePage(staticDirectory, size);
        }
        List<Result> results = new ArrayList<>();
        try (DelayProxy network = new DelayProxy(host, spdyPort, roundTrip.dividedBy(2))) {
            for (int size : SIZES) {
                results.add(measure(network.port(), tokenSecret, size, iterations));
            }
        }
        return results;
    }

    /** The figures as the bench's JSON holds them: milliseconds at p50 and p90, and the ratio. */
    public static List<Map<String, Object>> describe(List<Result> results) {
        return results.stream().map(result -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("subresources", result.subresources());
            figures.put("pushedP50Ms", millis(result.pushed(), 50));
            figures.put("pushedP90Ms", millis(result.pushed(), 90));
            figures.put("fetchedP50Ms", millis(result.fetched(), 50));
            figures.put("fetchedP90Ms", millis(result.fetched(), 90));
            figures.put("fetchedOverPushed", result.ratio());
            return figures;
        }).toList();
    }

    /** One line per page size on the console. */
    public static void print(List<Result> results, Duration roundTrip) {
        System.out.printf("time to a complete page, round trip %d ms (p50 / p90, ms):%n", roundTrip.toMillis());
        System.out.printf("%14s %20s %24s %10s%n", "sub-resources", "pushed (1 request)", "fetched (1 + N requests)",
                "ratio");
        for (Result result : results) {
            System.out.printf("%14d %9.1f / %8.1f %11.1f / %10.1f %9.2fx%n", result.subresources(),
                    millis(result.pushed(), 50), millis(result.pushed(), 90), millis(result.fetched(), 50),
                    millis(result.fetched(), 90), result.ratio());
        }
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static Result measure(int port, String tokenSecret, int size, int iterations) throws Exception {
        String page = "/bundle-" + size + "/index.html";
        Histogram pushed = new Histogram(3);
        Histogram fetched = new Histogram(3);
        try (PushClient pushing = client(port, tokenSecret, "bundle-pushed-" + size, null);
             PushClient fetching = client(port, tokenSecret, "bundle-fetched-" + size, new HoldsEverything())) {
            PushSession pushSession = pushing.connect().get(30, TimeUnit.SECONDS);
            PushSession fetchSession = fetching.connect().get(30, TimeUnit.SECONDS);
            for (int i = -2; i < iterations; i++) { // the first two warm the server up
                long pushedMicros = timed(() -> completePagePushed(pushSession, page, size));
                long fetchedMicros = timed(() -> completePageFetched(fetchSession, page, size));
                if (i >= 0) {
                    pushed.recordValue(pushedMicros);
                    fetched.recordValue(fetchedMicros);
                }
            }
        }
        return new Result(size, pushed, fetched);
    }

    private static void completePagePushed(PushSession session, String page, int size) throws Exception {
        Response response = session.request(page).get(30, TimeUnit.SECONDS);
        if (response.status() != 200 || response.subresources().size() != size) {
            throw new IllegalStateException(page + " came with " + response.subresources().size() + " of " + size
                    + " sub-resources pushed (status " + response.status() + ")");
        }
    }

    /** The page without pushes (the client says it holds everything), then every sub-resource at once. */
    private static void completePageFetched(PushSession session, String page, int size) throws Exception {
        Response response = session.request(page).get(30, TimeUnit.SECONDS);
        List<CompletableFuture<Response>> fetches = response.subresourceTags().stream()
                .map(session::request).toList();
        CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        if (!response.subresources().isEmpty() || fetches.size() != size) {
            throw new IllegalStateException(page + ": " + response.subresources().size() + " pushed, "
                    + fetches.size() + " fetched, " + size + " expected");
        }
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    }

    private static PushClient client(int port, String secret, String clientId, ResourceCache cache) {
        PushClient.Builder builder = PushClient.builder().server("127.0.0.1", port).clientId(clientId)
                .token(Tokens.mint(secret, clientId, Instant.now().plusSeconds(3600).getEpochSecond()))
                .listener(message -> { });
        if (cache != null) {
            builder.resourceCache(cache);
        }
        return builder.build();
    }

    private static void writePage(Path staticDirectory, int size) throws IOException {
        Path directory = Files.createDirectories(staticDirectory.resolve("bundle-" + size));
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
        byte[] image = new byte[IMAGE_BYTES];
        for (int i = 0; i < size; i++) {
            html.append("<img src=\"img-").append(i).append(".png\">\n");
            Files.write(directory.resolve("img-" + i + ".png"), image);
        }
        Files.writeString(directory.resolve("index.html"), html.append("</body></html>\n"));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** A cache that claims every bundle image, so the server tags them but pushes none. */
    private static final class HoldsEverything implements ResourceCache {

        private static final Set<String> EVERYTHING = everything();

        private static Set<String> everything() {
            Set<String> paths = new HashSet<>();
            for (int size : SIZES) {
                for (int i = 0; i < size; i++) {
                    paths.add("/bundle-" + size + "/img-" + i + ".png");
                }
            }
            return Set.copyOf(paths);
        }

        @Override
        public Set<String> paths() {
            return EVERYTHING;
        }

        @Override
        public void put(PushedResource resource) {
        }
    }
}
