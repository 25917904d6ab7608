package io.spdypush.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bench in cluster mode (BENCHMARKS.md, "A cluster"): several Payara Micro nodes of one push cluster on this
 * machine, sharing the PostgreSQL of {@code .ci/start-postgres}, with idle sessions spread over them by one worker
 * process per node, more than one process can hold. It measures the memory of an idle session on each node, a
 * broadcast until the last session has it, unicast through the HTTP API to a client on the sender's node and on
 * another node in the same run, and how long the clients of a killed node take to be back on another with what
 * was sent to them.
 */
public final class ClusterBench {

    private static final int IDLE_ACKED = 3;
    private static final int UNICAST_CLIENTS = 100;
    private static final int CONCURRENCY = 32;
    private static final int PAYLOAD_BYTES = 100;
    /** Recipients of one batch call's message, at most what the batch call takes (1 000). */
    private static final int STORED_PER_CALL = 1_000;

    private final Options options;
    private final List<MicroServer> nodes;
    private final String secret;
    private final EventLoopGroup group;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Transport spdy;
    /** The prefix of this run's client ids: the database outlives a run, and its rows must not meet the next's. */
    private final String clients = "c" + Long.toString(System.currentTimeMillis(), 36);

    /**
     * @param nodes     how many nodes
     * @param sessions  idle sessions over all nodes
     * @param seconds   length of each unicast measurement
     * @param httpPort  node i's HTTP port is this + i (its unused HTTPS port + 100)
     * @param spdyPort  node i's SPDY port is this + i
     * @param gridPort  node i's data grid member listens on this + i
     */
    record Options(int nodes, int sessions, int seconds, int httpPort, int spdyPort, int gridPort, String heap,
                   Path outDir, boolean smoke) {

        static Options parse(String... args) {
            int nodes = 4;
            int sessions = 60_000;
            int seconds = 10;
            int httpPort = 28780;
            int spdyPort = 27870;
            int gridPort = 26901;
            String heap = "1g";
            Path outDir = Path.of("push-bench/target/cluster-bench");
            boolean smoke = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--smoke")) {
                    smoke = true;
                    nodes = 2;
                    sessions = 200;
                    seconds = 1;
                    heap = "512m";
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--nodes" -> nodes = Integer.parseInt(value);
                    case "--sessions" -> sessions = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--http-port" -> httpPort = Integer.parseInt(value);
                    case "--spdy-port" -> spdyPort = Integer.parseInt(value);
                    case "--grid-port" -> gridPort = Integer.parseInt(value);
                    case "--node-heap" -> heap = value;
                    case "--out" -> outDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name + "; see BENCHMARKS.md");
                }
            }
            if (nodes < 2) {
                throw new IllegalArgumentException("--nodes " + nodes + ": a cluster has 2 nodes at least");
            }
            if ((sessions + nodes - 1) / nodes > Workers.MAX_SESSIONS_PER_WORKER) {
                throw new IllegalArgumentException("--sessions " + sessions + " over " + nodes + " nodes is more than "
                        + Workers.MAX_SESSIONS_PER_WORKER + " per node's worker");
            }
            return new Options(nodes, sessions, seconds, httpPort, spdyPort, gridPort, heap, outDir, smoke);
        }
    }

    private ClusterBench(Options options, List<MicroServer> nodes, String secret, EventLoopGroup group) {
        this.options = options;
        this.nodes = nodes;
        this.secret = secret;
        this.group = group;
        this.spdy = Transport.of("spdy", endpoints(0));
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = run(Options.parse(args));
        System.exit(Boolean.TRUE.equals(results.get("complete")) ? 0 : 1);
    }

    /** Runs everything and returns the figures (also written to outDir/cluster-results.json). */
    static Map<String, Object> run(Options options) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Path repo = Bench.repository();
        Path outDir = options.outDir().isAbsolute() ? options.outDir() : repo.resolve(options.outDir());
        Files.createDirectories(outDir);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("options", options.toString());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("cluster-bench", true),
                NioIoHandler.newFactory());
        String secret = "cluster-bench-secret-" + UUID.randomUUID();
        List<MicroServer> nodes = new ArrayList<>();
        try {
            nodes.addAll(startNodes(repo, options, outDir, secret));
            ClusterBench bench = new ClusterBench(options, nodes, secret, group);
            results.putAll(bench.measure(outDir));
            results.put("complete", true);
        } finally {
            nodes.forEach(MicroServer::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        }
        Files.writeString(outDir.resolve("cluster-results.json"), Json.write(results));
        return results;
    }

    private static List<MicroServer> startNodes(Path repo, Options options, Path outDir, String secret)
            throws Exception {
        Path postBoot = outDir.resolve("post-boot-commands.txt");
        Files.writeString(postBoot, Files.readString(repo.resolve("micro/src/main/payara/cluster-post-boot-commands.txt"))
                .replace("@DB_HOST@", "127.0.0.1").replace("@DB_PORT@", "5432").replace("@DB_NAME@", "spdypush")
                .replace("@DB_USER@", "spdypush").replace("@DB_PASSWORD@", "spdypush"));
        String clusterName = "spdypush-bench-" + UUID.randomUUID();
        String adminPassword = UUID.randomUUID().toString();
        long started = System.nanoTime();
        List<MicroServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < options.nodes(); i++) {
                Path nodeDir = Files.createDirectories(outDir.resolve("node-" + i));
                Files.deleteIfExists(nodeDir.resolve("micro.log"));
                nodes.add(MicroServer.spawnClusterNode(repo, options.httpPort() + i, options.spdyPort() + i,
                        options.gridPort() + i, options.gridPort(), clusterName, options.heap(), secret,
                        adminPassword, postBoot, nodeDir));
            }
            for (MicroServer node : nodes) {
                node.awaitStarted();
            }
        } catch (Exception e) {
            nodes.forEach(MicroServer::close);
            throw e;
        }
        System.out.printf("%d nodes ready after %.1f s (logs %s/node-*/micro.log)%n", nodes.size(),
                (System.nanoTime() - started) / 1e9, outDir);
        return nodes;
    }

    private Map<String, Object> measure(Path outDir) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        awaitGrid();
        List<MicroServer.Memory> before = memories();
        try (Workers workers = new Workers(options.nodes(), "spdy", "127.0.0.1", options.httpPort(),
                worker -> options.spdyPort() + worker, secret, outDir)) {
            int perNode = options.sessions() / options.nodes();
            List<String[]> opened = workers.each(i -> "open " + clients + " " + (i * perNode) + " " + perNode);
            int online = opened.stream().mapToInt(answer -> Integer.parseInt(answer[1])).sum();
            double seconds = opened.stream().mapToLong(answer -> Long.parseLong(answer[3])).max().orElse(0) / 1e9;
            System.out.printf("%d of %d idle sessions online over %d nodes, opened (each claimed by its node) in"
                    + " %.1f s: %.0f/s%n", online, options.sessions(), options.nodes(), seconds, online / seconds);
            for (String[] answer : opened) {
                if (Integer.parseInt(answer[2]) > 0) {
                    System.out.printf("  %s sessions not opened, the first because of: %s%n", answer[2],
                            String.join(" ", Arrays.copyOfRange(answer, 5, answer.length)));
                }
            }
            figures.put("sessionsOnline", online);
            figures.put("sessionsOpenedPerSecond", online / seconds);
            acknowledgeIdle(workers);
            List<MicroServer.Memory> after = memories();
            figures.put("memoryPerIdleSession", memoryPerSession(before, after, workers));
            Map<String, Object> broadcast = Bench.broadcast(workers, () -> {
                post(spdy.broadcastPath(), "b");
                return null;
            });
            figures.put("broadcast", broadcast);
            figures.put("unicast", unicast());
            figures.put("killedNode", killNode(workers, options.nodes() - 1));
        }
        return figures;
    }

    /** Waits until node 0 sees every node in its cluster status. */
    private void awaitGrid() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(nodes.get(0).request("/push/api/status").build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            if (body.split("\"answered\":true", -1).length - 1 == options.nodes()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the cluster did not reach " + options.nodes() + " nodes: " + body);
    }

    private void acknowledgeIdle(Workers workers) throws Exception {
        workers.all("reset " + IDLE_ACKED);
        for (int i = 0; i < IDLE_ACKED; i++) {
            post(spdy.broadcastPath(), "idle");
        }
        Fleet.Stats stats = Bench.awaitAll(workers, s -> s.minReceived() >= IDLE_ACKED && s.notAcked() == 0);
        System.out.printf("idle sessions acknowledged %d broadcasts: %s%n", IDLE_ACKED, stats.line());
    }

    private List<MicroServer.Memory> memories() throws Exception {
        List<MicroServer.Memory> memories = new ArrayList<>();
        for (MicroServer node : nodes) {
            memories.add(node.memory(!options.smoke()));
        }
        return memories;
    }

    /** Heap and resident set each node grew by, over the sessions its worker holds there. */
    private List<Map<String, Object>> memoryPerSession(List<MicroServer.Memory> before, List<MicroServer.Memory> after,
                                                       Workers workers) {
        List<Map<String, Object>> perNode = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int sessions = workers.stats(i).online();
            double heap = (after.get(i).heapUsedBytes() - before.get(i).heapUsedBytes()) / (double) sessions;
            double rss = (after.get(i).residentBytes() - before.get(i).residentBytes()) / (double) sessions;
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", i);
            node.put("sessions", sessions);
            node.put("heapBytesPerSession", heap);
            node.put("nativeBytesPerSession", rss);
            node.put("bytesPerSession", heap + rss);
            perNode.add(node);
            System.out.printf("node %d: %d idle sessions, %.2f KiB each (heap %.2f + native %.2f)%n", i, sessions,
                    (heap + rss) / 1024, heap / 1024, rss / 1024);
        }
        return perNode;
    }

    /**
     * At-most-once unicast through node 0's HTTP API, at the maximum rate, to clients of the bench process on
     * node 0 (same node) and then on node 1 (another node, so through the grid), each path warmed up first as in
     * {@link Bench#warmUp}.
     */
    private Map<String, Object> unicast() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (int node : new int[]{0, 1}) {
            String where = node == 0 ? "sameNode" : "otherNode";
            Fleet fleet = new Fleet(Transport.of("spdy", endpoints(node)));
            Fleet.Opened opened = fleet.open(clients + "-unicast-" + where, 0, UNICAST_CLIENTS,
                    InetAddress.getByName("127.0.0.1"));
            if (opened.failed() > 0) {
                System.out.printf("%d unicast sessions failed to open: %s%n", opened.failed(), opened.firstError());
            }
            try (KeepAliveHttp calls = nodes.get(0).calls(group, CONCURRENCY)) {
                HttpUnicastSender sender = new HttpUnicastSender(calls, PAYLOAD_BYTES, spdy::unicastPath);
                Unicast unicast = new Unicast(fleet, sender);
                if (!options.smoke()) {
                    // Node 0's HTTP API both times: the second pass adds only the grid's hop to node 1.
                    Bench.warmUp(unicast, CONCURRENCY, node == 0 ? Bench.HTTP_WARM_UP_CALLS : 0);
                }
                Unicast.Result result = unicast.atMaximum(CONCURRENCY, options.seconds());
                Bench.print(where, sender, result);
                figures.put(where, Report.unicast(result));
            } finally {
                fleet.closeAll();
            }
        }
        return figures;
    }

    /**
     * Every client of every node gets a stored message, through the nodes in turn (the traffic a cluster serves
     * before one of its nodes dies): the clients of the other nodes acknowledge theirs, those of the node to kill do
     * not. The node is killed, and its worker moves every session at once, resuming, to the other nodes in turn (as
     * the SDK's clients spread, each going through the nodes in an order of its own): the time until all are back
     * and have that message again.
     */
    private Map<String, Object> killNode(Workers workers, int killed) throws Exception {
        workers.all("reset 1");
        workers.one(killed, "reset 0");
        int online = workers.stats(killed).online();
        sendStoredToEveryClient();
        Fleet.Stats all = Bench.awaitAll(workers, stats -> stats.minReceived() >= 1 && stats.notAcked() == online);
        System.out.printf("every client has a stored message, and all but the %d of node %d acknowledged it: %s%n",
                online, killed, all.line());
        workers.one(killed, "reset 1");
        long start = System.nanoTime();
        // The nodes' logs tell when the grid noticed; their timestamps are wall-clock ones.
        System.out.printf("node %d killed at %s%n", killed, java.time.Instant.now());
        nodes.get(killed).kill();
        String survivors = IntStream.range(0, options.nodes()).filter(node -> node != killed)
                .mapToObj(node -> String.valueOf(options.spdyPort() + node)).collect(Collectors.joining(","));
        String[] moved = workers.one(killed, "move " + survivors);
        int back = Integer.parseInt(moved[1]);
        Fleet.Stats stats = workers.stats(killed);
        while (stats.redelivered() < back && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(100);
            stats = workers.stats(killed);
        }
        long lastBack = Long.parseLong(moved[4]);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sessions", online);
        figures.put("back", back);
        figures.put("notBackInTime", online - back);
        figures.put("millisUntilLastBack", (lastBack - start) / 1e6);
        figures.put("redelivered", stats.redelivered());
        // A client back on another node without the message kept for it: what the cluster must never do.
        figures.put("lost", back - stats.redelivered());
        figures.put("millisUntilAllBackHaveTheirMessage", (Math.max(stats.lastReceiptNanos(), lastBack) - start) / 1e6);
        System.out.printf("node %d killed: %d of its %d clients back on the other nodes after %.0f ms (%d not within the %d s"
                        + " a batch may take), the message kept for them redelivered to %d (lost %d) after %.0f ms%n",
                killed, back, online, (double) figures.get("millisUntilLastBack"), online - back,
                Fleet.BATCH_TIMEOUT_SECONDS, stats.redelivered(), back - stats.redelivered(),
                (double) figures.get("millisUntilAllBackHaveTheirMessage"));
        return figures;
    }

    /**
     * One at-least-once message to every client of the run, in batch calls of {@link #STORED_PER_CALL} recipients
     * each, to the nodes in turn; fails unless every copy is accepted.
     */
    private void sendStoredToEveryClient() throws Exception {
        for (int from = 0, call = 0; from < options.sessions(); from += STORED_PER_CALL, call++) {
            StringBuilder to = new StringBuilder();
            for (int i = from; i < Math.min(options.sessions(), from + STORED_PER_CALL); i++) {
                to.append(i == from ? "\"" : ",\"").append(clients).append('-').append(i).append('"');
            }
            String body = "{\"messages\":[{\"to\":[" + to + "],\"text\":\"stored before the kill\"}]}";
            HttpResponse<String> response = http.send(nodes.get(call % nodes.size()).request(
                            spdy.batchPath().orElseThrow()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"REFUSED\"")) {
                throw new IllegalStateException("a stored batch answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
        }
    }

    /** POSTs a text to node 0; fails unless it is accepted (202). */
    private void post(String path, String text) throws Exception {
        HttpResponse<String> response = http.send(nodes.get(0).request(path).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private Endpoints endpoints(int node) {
        return new Endpoints("127.0.0.1", options.httpPort() + node, options.spdyPort() + node, secret, group);
    }
}
