package io.spdypush.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Turns the results into what people read: the console table (also table.md, pasted into BENCHMARKS.md)
 * with ratios ours/theirs, results.json, and PNG plots.
 */
final class Report {

    /** Percentiles kept for each latency distribution in results.json and the plots. */
    static final double[] PERCENTILES = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99,
            99.5, 99.7, 99.9, 99.95, 99.99, 100};

    private Report() {
    }

    static Map<String, Object> unicast(Unicast.Result result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("offeredPerSecond", result.offeredPerSecond());
        map.put("receivedPerSecond", result.receivedPerSecond());
        map.put("sent", result.sent());
        map.put("received", result.received());
        map.put("refused", result.refused());
        map.put("receiptMillis", latency(result.receipt()));
        map.put("ackMillis", latency(result.ack()));
        map.put("callMillis", latency(result.calls()));
        return map;
    }

    private static Map<String, Object> latency(Histogram histogram) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", histogram.getTotalCount());
        map.put("p50", histogram.getValueAtPercentile(50) / 1000.0);
        map.put("p99", histogram.getValueAtPercentile(99) / 1000.0);
        map.put("p99.9", histogram.getValueAtPercentile(99.9) / 1000.0);
        map.put("max", histogram.getMaxValue() / 1000.0);
        List<List<Double>> distribution = new ArrayList<>();
        for (double percentile : PERCENTILES) {
            distribution.add(List.of(percentile, histogram.getValueAtPercentile(percentile) / 1000.0));
        }
        map.put("distribution", distribution);
        return map;
    }

    /** A figure of the table: its label, where it is in a transport's results, and its unit. */
    private record Row(String label, Function<Map<String, Object>, Object> value, String format) {
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    private static Row row(String label, String format, String... path) {
        return new Row(label, map -> at(map, path), format);
    }

    private static Row kib(String label, String... path) {
        return new Row(label, map -> at(map, path) instanceof Number n ? n.doubleValue() / 1024 : null, "%.2f");
    }

    private static final List<Row> ROWS = Stream.of(List.of(
            row("idle sessions reached (N2)", "%.0f", "sessions"),
            kib("memory per idle session, KiB (heap + native)", "bytesPerSession"),
            kib("  heap per idle session, KiB", "heapBytesPerSession"),
            kib("  native per idle session, KiB", "nativeBytesPerSession"),
            row("1 000 000 idle sessions, GiB (projected)", "%.2f", "projectedGiBFor1MSessions"),
            row("connects per second", "%.0f", "connectsPerSecond")),
            unicastRows("unicast", "unicast from a bean in the server", "push call"), List.of(
            row("  at the common rate (--common-rate), messages/s", "%.0f", "unicast", "commonRate",
                    "receivedPerSecond"),
            row("  at the common rate: send to receipt p50, ms", "%.2f", "unicast", "commonRate", "receiptMillis",
                    "p50"),
            row("  at the common rate: send to receipt p99, ms", "%.2f", "unicast", "commonRate", "receiptMillis",
                    "p99"),
            row("  at the common rate: send to receipt p99.9, ms", "%.2f", "unicast", "commonRate", "receiptMillis",
                    "p99.9")),
            unicastRows("unicastHttp", "unicast through the HTTP API", "HTTP call"),
            unicastRows("unicastHttpBatch", "unicast through the HTTP API, " + HttpBatchSender.MAX_PER_CALL
                    + " per batch call", "batch call"), List.of(
            row("broadcast: sessions", "%.0f", "broadcast", "sessions"),
            row("broadcast: deliveries per second", "%.0f", "broadcast", "deliveriesPerSecond"),
            row("broadcast: ms until the last has it", "%.1f", "broadcast", "millisUntilLast"),
            row("reconnect storm: ms until all reconnected", "%.0f", "reconnectStorm", "millisUntilAllReconnected"),
            row("reconnect storm: ms until all resumed", "%.0f", "reconnectStorm", "millisUntilAllResumed"),
            row("reconnect storm: messages lost", "%s", "reconnectStorm", "lost")))
            .flatMap(List::stream).toList();

    /** The rows of one unicast measurement (see Bench#unicast): memory only, then stored (ours only). */
    private static List<Row> unicastRows(String group, String title, String call) {
        return List.of(
                row(title + ": max, messages/s received", "%.0f", group, "max", "receivedPerSecond"),
                row("  at max: send to receipt p50, ms", "%.2f", group, "max", "receiptMillis", "p50"),
                row("  at max: send to receipt p99, ms", "%.2f", group, "max", "receiptMillis", "p99"),
                row("  at half max, messages/s", "%.0f", group, "halfMax", "receivedPerSecond"),
                row("  at half max: send to receipt p50, ms", "%.2f", group, "halfMax", "receiptMillis", "p50"),
                row("  at half max: send to receipt p99, ms", "%.2f", group, "halfMax", "receiptMillis", "p99"),
                row("  at half max: send to receipt p99.9, ms", "%.2f", group, "halfMax", "receiptMillis", "p99.9"),
                row("  at half max: send to acknowledgement p50, ms", "%.2f", group, "halfMax", "ackMillis", "p50"),
                row("  at half max: send to acknowledgement p99, ms", "%.2f", group, "halfMax", "ackMillis", "p99"),
                row("  at half max: the sender's " + call + " p50, ms", "%.2f", group, "halfMax", "callMillis", "p50"),
                row("  at half max: the sender's " + call + " p99, ms", "%.2f", group, "halfMax", "callMillis", "p99"),
                row("  stored until acknowledged: max, messages/s", "%.0f", group, "storedMax", "receivedPerSecond"),
                row("  stored, at half max: send to receipt p50, ms", "%.2f", group, "storedHalfMax", "receiptMillis",
                        "p50"),
                row("  stored, at half max: send to receipt p99, ms", "%.2f", group, "storedHalfMax", "receiptMillis",
                        "p99"),
                row("  stored, at half max: the sender's " + call + " p99, ms", "%.2f", group, "storedHalfMax",
                        "callMillis", "p99"));
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> results) {
        Map<String, Object> transports = (Map<String, Object>) results.get("transports");
        List<String> names = new ArrayList<>(transports.keySet());
        List<String> others = names.stream().filter(name -> !name.equals("spdy")).toList();
        StringBuilder out = new StringBuilder();
        out.append("| figure |");
        names.forEach(name -> out.append(' ').append(Transport.isOurs(name) ? name + " (ours)" : name).append(" |"));
        if (names.contains("spdy")) {
            others.forEach(name -> out.append(" ours/").append(name).append(" |"));
        }
        out.append('\n').append("|---|");
        names.forEach(name -> out.append("---:|"));
        if (names.contains("spdy")) {
            others.forEach(name -> out.append("---:|"));
        }
        out.append('\n');
        for (Row row : ROWS) {
            out.append("| ").append(row.label()).append(" |");
            for (String name : names) {
                out.append(' ').append(format(row, row.value().apply((Map<String, Object>) transports.get(name))))
                        .append(" |");
            }
            if (names.contains("spdy")) {
                Object ours = row.value().apply((Map<String, Object>) transports.get("spdy"));
                for (String name : others) {
                    Object theirs = row.value().apply((Map<String, Object>) transports.get(name));
                    // A ratio to (almost) nothing says nothing: the native memory of the alternatives is ~0.
                    String ratio = ours instanceof Number a && theirs instanceof Number b
                            && Math.abs(b.doubleValue()) > Math.abs(a.doubleValue()) / 100
                            ? String.format(Locale.ROOT, "%.2f", a.doubleValue() / b.doubleValue()) : "–";
                    out.append(' ').append(ratio).append(" |");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String format(Row row, Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Number number && !row.format().equals("%s")) {
            return String.format(Locale.ROOT, row.format(), number.doubleValue());
        }
        return String.valueOf(value).replace("|", "/");
    }

    static void write(Map<String, Object> results, Path outDir) throws IOException {
        String table = table(results) + PoolsBench.table(results);
        System.out.println();
        System.out.println(table);
        Files.writeString(outDir.resolve("table.md"), table);
        Files.writeString(outDir.resolve("results.json"), Json.write(results) + "\n");
        Plots.write(results, outDir);
        System.out.println("results: " + outDir.resolve("results.json") + ", table.md, *.png");
    }
}
