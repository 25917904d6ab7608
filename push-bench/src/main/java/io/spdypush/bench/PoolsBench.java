package io.spdypush.bench;

import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the memory pools' reuse saves (README, "Memory pools"): the same in-server unicast of ours at the common
 * rate, on a fresh server whose pools reuse their arrays and on one that allocates every buffer anew
 * ({@code memoryPoolReuse=false}), each measured after a warm-up of the same length: the server's allocation
 * (its used heap before and after, and what the GC log's pauses freed in between) and GC pauses, the buffers
 * each pool reused (its status), and the latency.
 */
final class PoolsBench {

    private static final Pattern POOL = Pattern.compile("\\{[^{}]*\"name\":\"(\\w+)\"[^{}]*}");
    private static final Pattern BUFFERS = Pattern.compile("\"buffers\":(\\d+)");
    private static final Pattern REUSED = Pattern.compile("\"reused\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PoolsBench() {
    }

    static Map<String, Object> run(Path repo, BenchOptions options, Path outDir, EventLoopGroup group)
            throws Exception {
        int rate = options.commonRate();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rate", rate);
        figures.put("seconds", options.seconds());
        System.out.printf("== pools: in-server unicast of spdy at %d/s for %d s, reusing and not%n", rate,
                options.seconds());
        for (boolean reuse : new boolean[]{true, false}) {
            Path dir = outDir.resolve(reuse ? "pools-reuse" : "pools-no-reuse");
            GcLog gc = new GcLog(dir.resolve("gc.log"));
            Files.createDirectories(dir);
            try (MicroServer server = MicroServer.start(repo, options, dir,
                    List.of("-Dspdypush.memoryPoolReuse=" + reuse, gc.jvmOption()))) {
                figures.put(reuse ? "reuse" : "noReuse", measure(server, options, gc, rate, group));
            }
        }
        return figures;
    }

    private static Map<String, Object> measure(MicroServer server, BenchOptions options, GcLog gc, int rate,
                                               EventLoopGroup group) throws Exception {
        Endpoints endpoints = new Endpoints("127.0.0.1", options.httpPort(), options.spdyPort(),
                options.tokenSecret(), group);
        Fleet fleet = new Fleet(Transport.of("spdy", endpoints));
        fleet.open("pools", 0, options.unicastClients(), InetAddress.getByName("127.0.0.1"));
        try {
            Unicast unicast = new Unicast(fleet, new InServerUnicastSender(server, "spdy", options.payloadBytes(),
                    false));
            unicast.atRate(rate, options.seconds()); // warm-up: the JIT, and the pools' first arrays
            Map<String, long[]> before = pools(server);
            int mark = gc.mark();
            long heapAtStart = server.heapUsedBytes();
            long start = System.nanoTime();
            Unicast.Result result = unicast.atRate(rate, options.seconds());
            long heapAtEnd = server.heapUsedBytes();
            double seconds = (System.nanoTime() - start) / 1e9;
            GcLog.Window window = gc.since(mark);
            Map<String, long[]> after = pools(server);
            long allocated = window.allocatedBytes(heapAtStart, heapAtEnd);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("allocatedMiBPerSecond", allocated / seconds / (1 << 20));
            figures.put("allocatedKiBPerMessage", allocated / 1024.0 / Math.max(1, result.sent()));
            figures.put("gcPauses", window.pauses().size());
            figures.put("gcPauseMillisTotal", window.totalPauseMillis());
            figures.put("gcPauseMillisLongest", window.longestPauseMillis());
            Map<String, Object> reused = new LinkedHashMap<>();
            after.forEach((pool, counts) -> {
                long buffers = counts[0] - before.get(pool)[0];
                reused.put(pool, buffers == 0 ? 0.0 : (counts[1] - before.get(pool)[1]) * 100.0 / buffers);
            });
            figures.put("reusedPercent", reused);
            figures.put("unicast", Report.unicast(result));
            System.out.printf(Locale.ROOT, "  %-14s allocation %.1f MiB/s (%.2f KiB a message), %d GC pauses (%.0f ms in"
                            + " all, longest %.1f ms); buffers reused %s %%; receipt p50 %.2f p99 %.2f p99.9 %.2f ms,"
                            + " %d refused%n",
                    server.log().getParent().getFileName(), (double) figures.get("allocatedMiBPerSecond"),
                    (double) figures.get("allocatedKiBPerMessage"),
                    window.pauses().size(), window.totalPauseMillis(), window.longestPauseMillis(), reused,
                    result.receipt().getValueAtPercentile(50) / 1000.0,
                    result.receipt().getValueAtPercentile(99) / 1000.0,
                    result.receipt().getValueAtPercentile(99.9) / 1000.0, result.refused());
            return figures;
        } finally {
            fleet.closeAll();
        }
    }

    /** Per pool, the buffers taken and reused so far, from the server's status. */
    private static Map<String, long[]> pools(MicroServer server) throws IOException, InterruptedException {
        String status = HTTP.send(server.request("/push/api/status").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, long[]> pools = new LinkedHashMap<>();
        Matcher pool = POOL.matcher(status);
        while (pool.find()) {
            Matcher buffers = BUFFERS.matcher(pool.group());
            Matcher reused = REUSED.matcher(pool.group());
            if (buffers.find() && reused.find()) {
                pools.put(pool.group(1), new long[]{Long.parseLong(buffers.group(1)), Long.parseLong(reused.group(1))});
            }
        }
        if (pools.isEmpty()) {
            throw new IllegalStateException("the status names no memory pools: " + status);
        }
        return pools;
    }

    /** The comparison as a Markdown table, or nothing when the run did not measure it. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> results) {
        Map<String, Object> pools = (Map<String, Object>) results.get("pools");
        if (pools == null) {
            return "";
        }
        Map<String, Object> on = (Map<String, Object>) pools.get("reuse");
        Map<String, Object> off = (Map<String, Object>) pools.get("noReuse");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n| in-server unicast at %s/s, %s s | pools reuse | every buffer new | reuse/new |%n|---|---:|---:|---:|%n",
                pools.get("rate"), pools.get("seconds")));
        row(out, "server allocation, MiB/s", "%.1f", on.get("allocatedMiBPerSecond"), off.get("allocatedMiBPerSecond"));
        row(out, "server allocation per message sent, KiB", "%.2f", on.get("allocatedKiBPerMessage"),
                off.get("allocatedKiBPerMessage"));
        row(out, "GC pauses", "%.0f", on.get("gcPauses"), off.get("gcPauses"));
        row(out, "GC pause time in all, ms", "%.1f", on.get("gcPauseMillisTotal"), off.get("gcPauseMillisTotal"));
        row(out, "longest GC pause, ms", "%.1f", on.get("gcPauseMillisLongest"), off.get("gcPauseMillisLongest"));
        for (String percentile : new String[]{"p50", "p99", "p99.9"}) {
            row(out, "send to receipt " + percentile + ", ms", "%.2f", receipt(on, percentile),
                    receipt(off, percentile));
        }
        ((Map<String, Object>) on.get("reusedPercent")).forEach((pool, percent) -> row(out,
                "buffers of the " + pool + " pool reused, %", "%.1f", percent,
                ((Map<String, Object>) off.get("reusedPercent")).get(pool)));
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object receipt(Map<String, Object> figures, String percentile) {
        Map<String, Object> unicast = (Map<String, Object>) figures.get("unicast");
        Map<String, Object> receipt = (Map<String, Object>) unicast.get("receiptMillis");
        return receipt == null ? null : receipt.get(percentile);
    }

    private static void row(StringBuilder out, String label, String format, Object on, Object off) {
        String ratio = on instanceof Number a && off instanceof Number b && b.doubleValue() != 0
                ? String.format(Locale.ROOT, "%.2f", a.doubleValue() / b.doubleValue()) : "–";
        out.append("| ").append(label).append(" | ").append(format(format, on)).append(" | ")
                .append(format(format, off)).append(" | ").append(ratio).append(" |\n");
    }

    private static String format(String format, Object value) {
        return value instanceof Number number && !Double.isNaN(number.doubleValue())
                ? String.format(Locale.ROOT, format, number.doubleValue()) : "–";
    }
}
