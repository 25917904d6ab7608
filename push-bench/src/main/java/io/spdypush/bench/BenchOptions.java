package io.spdypush.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What one bench run does. Every option is {@code --name value}; the defaults are the full run that
 * BENCHMARKS.md reports, {@code --smoke} the seconds-long run of the smoke test.
 *
 * @param sessions        the two sizes N1 < N2 of idle sessions, for the memory slope
 * @param workers         load-generator processes holding the idle sessions
 * @param unicastClients  sessions in the bench process itself that receive unicast messages
 * @param seconds         length of each unicast measurement
 * @param concurrency     POSTs in flight in the maximum-rate unicast measurement
 * @param payloadBytes    size of every message's payload
 * @param idleAcked       messages each idle session receives and acknowledges before memory is measured
 * @param commonRate      the one rate, messages/s, at which every transport's in-server unicast is also measured
 * @param parts           what is measured, some of {@link #ALL_PARTS}: always the idle sessions, which every
 *                        other part of a transport uses
 */
public record BenchOptions(List<String> transports, int[] sessions, int workers, int unicastClients, int seconds,
                    int concurrency, int payloadBytes, int idleAcked, int commonRate, int httpPort, int spdyPort,
                    String serverHeap, int maxSessions, int outboxMaxMessages, String tokenSecret, Path outDir,
                    boolean smoke, Set<String> parts) {

    /** The parts of a full run: the bundles, per transport its idle sessions and what uses them, then the pools. */
    static final Set<String> ALL_PARTS = Set.of("bundles", "idle", "unicast", "broadcast", "storm", "pools");

    /** About half of WebSocket's maximum in-server unicast rate on this machine (BENCHMARKS.md). */
    static final int DEFAULT_COMMON_RATE = 3_000;

    public static BenchOptions parse(String... args) {
        List<String> transports = List.of("spdy", "h2", "ws", "sse");
        int[] sessions = {6_000, 18_000};
        int workers = 2;
        int unicastClients = 200;
        int seconds = 10;
        int concurrency = 32;
        int payloadBytes = 100;
        int idleAcked = 10;
        int commonRate = DEFAULT_COMMON_RATE;
        int httpPort = 28080;
        int spdyPort = 27170;
        String heap = "2g";
        Path outDir = Path.of("push-bench/target/bench");
        boolean smoke = false;
        Set<String> parts = ALL_PARTS;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--smoke")) {
                smoke = true;
                sessions = new int[] {100, 250};
                workers = 1;
                unicastClients = 20;
                seconds = 1;
                concurrency = 8;
                idleAcked = 3;
                commonRate = 100;
                heap = "1g";
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--transports" -> transports = List.of(value.split(","));
                case "--sessions" -> sessions = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--workers" -> workers = Integer.parseInt(value);
                case "--unicast-clients" -> unicastClients = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--payload-bytes" -> payloadBytes = Integer.parseInt(value);
                case "--idle-acked" -> idleAcked = Integer.parseInt(value);
                case "--common-rate" -> commonRate = Integer.parseInt(value);
                case "--parts" -> parts = parts(value);
                case "--http-port" -> httpPort = Integer.parseInt(value);
                case "--spdy-port" -> spdyPort = Integer.parseInt(value);
                case "--server-heap" -> heap = value;
                case "--out" -> outDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; see BENCHMARKS.md");
            }
        }
        if (sessions.length != 2 || sessions[0] <= 0 || sessions[1] <= sessions[0]) {
            throw new IllegalArgumentException("--sessions needs two sizes N1,N2 with 0 < N1 < N2");
        }
        if ((sessions[1] + workers - 1) / workers > Workers.MAX_SESSIONS_PER_WORKER) {
            throw new IllegalArgumentException("--sessions " + sessions[1] + " needs more than " + workers
                    + " workers: one process holds at most " + Workers.MAX_SESSIONS_PER_WORKER + " sessions");
        }
        return new BenchOptions(transports, sessions, workers, unicastClients, seconds, concurrency, payloadBytes,
                idleAcked, commonRate, httpPort, spdyPort, heap, 100_000, 10_000, "bench-secret-" + UUID.randomUUID(),
                outDir, smoke, parts);
    }

    private static Set<String> parts(String list) {
        Set<String> parts = new TreeSet<>(List.of(list.split(",")));
        parts.add("idle");
        if (!ALL_PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--parts " + list + ": each part is one of " + new TreeSet<>(ALL_PARTS));
        }
        return parts;
    }

    boolean measures(String part) {
        return parts.contains(part);
    }

    /** The options as they go into results.json. */
    java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("transports", transports);
        map.put("sessions", List.of(sessions[0], sessions[1]));
        map.put("workers", workers);
        map.put("unicastClients", unicastClients);
        map.put("seconds", seconds);
        map.put("concurrency", concurrency);
        map.put("payloadBytes", payloadBytes);
        map.put("idleAcked", idleAcked);
        map.put("commonRate", commonRate);
        map.put("httpPort", httpPort);
        map.put("spdyPort", spdyPort);
        map.put("serverHeap", serverHeap);
        map.put("smoke", smoke);
        map.put("parts", new TreeSet<>(parts));
        return map;
    }
}
