package io.spdypush.bench.attack;

import io.spdypush.bench.MicroServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the suite reads of the server under attack: its used heap after a full GC, the CPU time it has used
 * (/proc), and its {@code badInput} counters (GET /push/api/status).
 */
final class ServerWatch {

    /** USER_HZ, the unit of /proc/PID/stat's times on Linux. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern BAD_INPUT = Pattern.compile("\"badInput\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern COUNTER = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)");

    private final MicroServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ServerWatch(MicroServer server) {
        this.server = server;
    }

    long heapBytesAfterGc() throws IOException, InterruptedException {
        return server.memory(false).heapUsedBytes();
    }

    /** CPU seconds the server has used, user and system. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of the file (utime, stime), counted from the state, field 3.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The server's count of refused or dropped input, by kind. */
    Map<String, Long> badInput() throws IOException, InterruptedException {
        HttpResponse<String> status = http.send(server.request("/push/api/status").timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher block = BAD_INPUT.matcher(status.body());
        if (status.statusCode() != 200 || !block.find()) {
            throw new IllegalStateException("GET /push/api/status answered " + status.statusCode()
                    + " without badInput: " + status.body());
        }
        Map<String, Long> counters = new TreeMap<>();
        Matcher counter = COUNTER.matcher(block.group(1));
        while (counter.find()) {
            counters.put(counter.group(1), Long.parseLong(counter.group(2)));
        }
        return counters;
    }

    /** The counters that grew from before to after, by how much. */
    static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            if (delta > 0) {
                grown.put(kind, delta);
            }
        });
        return grown;
    }
}
