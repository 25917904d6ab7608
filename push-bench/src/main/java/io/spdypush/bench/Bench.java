package io.spdypush.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spdypush.bench.bundle.BundleBench;
import io.spdypush.spdy.LeanSpdyFrameCodec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bench: starts Payara Micro with our adapter and the alternatives on ports of its own, then, for each
 * transport (spdy = ours, ws, sse), measures idle sessions (memory slope, connect rate), unicast (maximum
 * and fixed rate), broadcast fan-out and a reconnect storm; prints a table with ratios ours/theirs and
 * writes results.json and PNG plots to the output directory. Stops the server it started, by its pid.
 *
 * <pre>mvn -q -pl push-bench -am package -DskipTests && java -jar push-bench/target/push-bench.jar</pre>
 */
public final class Bench {

    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Memory samples at each number of idle sessions. */
    private static final int MEMORY_SAMPLES = 3;

    /** A round of the warm-up before each unicast measurement. */
    private static final int WARM_UP_SECONDS = 5;
    /** At most, before each unicast measurement: a REST path warms for a minute or more. */
    private static final int UNICAST_WARM_UP_ROUNDS = 24;
    /**
     * Calls the first HTTP API path of a run makes in its warm-up at least, within {@link #UNICAST_WARM_UP_ROUNDS}:
     * Payara's security, JAX-RS and EJB layers take about this many before they are compiled.
     */
    static final long HTTP_WARM_UP_CALLS = 200_000;
    /** At most, before the broadcasts are measured. */
    private static final int WARM_UP_ROUNDS = 12;

    private final BenchOptions options;
    private final MicroServer server;
    private final EventLoopGroup group;
    /** Stored messages sent at once before a reconnect storm: a few per core of the server. */
    private static final int STORM_SENDS_IN_FLIGHT = 16;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Bench(BenchOptions options, MicroServer server, EventLoopGroup group) {
        this.options = options;
        this.server = server;
        this.group = group;
    }

    /** The round trip the bundle measurement adds on loopback, as a network would. */
    private static final Duration BUNDLE_ROUND_TRIP = Duration.ofMillis(20);

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = run(BenchOptions.parse(args));
        boolean complete = Boolean.TRUE.equals(results.get("complete"));
        System.exit(complete ? 0 : 1);
    }

    /** Runs everything and returns the results (also written to outDir/results.json). */
    static Map<String, Object> run(BenchOptions options) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Path repo = repository();
        Path outDir = options.outDir().isAbsolute() ? options.outDir() : repo.resolve(options.outDir());
        Files.createDirectories(outDir);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("options", options.describe());
        Map<String, Object> byTransport = new LinkedHashMap<>();
        results.put("transports", byTransport);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("bench", true),
                NioIoHandler.newFactory());
        try {
            if (options.measures("bundles")) {
                try (MicroServer server = startServer(repo, options, outDir.resolve("bundles"))) {
                    System.out.println("== bundles");
                    List<BundleBench.Result> bundles = BundleBench.run("127.0.0.1", options.spdyPort(),
                            options.tokenSecret(), MicroServer.staticDirectory(outDir.resolve("bundles")),
                            BUNDLE_ROUND_TRIP, options.smoke() ? 3 : 30);
                    BundleBench.print(bundles, BUNDLE_ROUND_TRIP);
                    results.put("bundles", BundleBench.describe(bundles));
                }
            }
            // Each transport on a server of its own: in a shared one, the offline clients a transport's storm
            // left (their stored messages, their GC work) were in the next transport's memory slope and pauses.
            for (String transport : options.transports()) {
                Path serverDir = outDir.resolve(transport);
                try (MicroServer server = startServer(repo, options, serverDir)) {
                    System.out.println("== " + transport);
                    byTransport.put(transport, new Bench(options, server, group).measure(transport, serverDir));
                }
            }
            if (options.measures("pools")) {
                results.put("pools", PoolsBench.run(repo, options, outDir, group));
            }
            results.put("complete", true);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        }
        Report.write(results, outDir);
        return results;
    }

    private static MicroServer startServer(Path repo, BenchOptions options, Path dir) throws Exception {
        Files.createDirectories(dir);
        long started = System.nanoTime();
        System.out.printf("starting Payara Micro: HTTP %d, SPDY %d (log %s)%n", options.httpPort(),
                options.spdyPort(), dir.resolve("micro.log"));
        MicroServer server = MicroServer.start(repo, options, dir);
        System.out.printf("Payara Micro pid %d ready after %.1f s%n", server.pid(),
                (System.nanoTime() - started) / 1e9);
        return server;
    }

    private Map<String, Object> measure(String name, Path outDir) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Endpoints endpoints = new Endpoints("127.0.0.1", options.httpPort(), options.spdyPort(),
                options.tokenSecret(), group);
        Transport transport = Transport.of(name, endpoints);
        int[] sizes = options.sessions();
        try (Workers workers = new Workers(options.workers(), name, "127.0.0.1", options.httpPort(),
                options.spdyPort(), options.tokenSecret(), outDir)) {
            // Idle sessions at two sizes: the slope between them is the cost of one session.
            MicroServer.Memory[] memory = new MicroServer.Memory[2];
            int opened = 0;
            long connectNanos = 0;
            int connected = 0;
            for (int step = 0; step < 2; step++) {
                int target = sizes[step];
                int from = opened;
                int perWorker = (target - opened + workers.size() - 1) / workers.size();
                int[] counts = new int[workers.size()];
                List<String[]> answers = workers.each(i -> {
                    int start = from + i * perWorker;
                    counts[i] = Math.max(0, Math.min(perWorker, target - start));
                    return "open " + name + " " + start + " " + counts[i];
                });
                long slowest = 0;
                for (String[] answer : answers) {
                    connected += Integer.parseInt(answer[1]);
                    slowest = Math.max(slowest, Long.parseLong(answer[3]));
                    if (!"0".equals(answer[2])) {
                        System.out.printf("  %s sessions failed to open: %s%n", answer[2], answer[5]);
                    }
                }
                connectNanos += slowest;
                opened = target;
                Fleet.Stats idle = ackIdle(workers, transport);
                memory[step] = settledMemory();
                System.out.printf("  %d sessions online (%d acknowledged %d messages): heap %.1f MiB, RSS %.1f MiB,"
                        + " %d open files%n", idle.online(), idle.online() - idle.notAcked(), options.idleAcked(),
                        memory[step].heapUsedBytes() / 1048576.0, memory[step].residentBytes() / 1048576.0,
                        server.openFiles());
                figures.put("sessionsOnlineAt" + (step + 1), idle.online());
                figures.put("serverOpenFilesAt" + (step + 1), server.openFiles());
            }
            int n1 = (int) figures.get("sessionsOnlineAt1");
            int n2 = (int) figures.get("sessionsOnlineAt2");
            double heapPerSession = (memory[1].heapUsedBytes() - memory[0].heapUsedBytes()) / (double) (n2 - n1);
            double nativePerSession = (memory[1].residentBytes() - memory[0].residentBytes()) / (double) (n2 - n1);
            double perSession = heapPerSession + nativePerSession;
            figures.put("sessions", n2);
            figures.put("connectsPerSecond", connected * 1e9 / connectNanos);
            figures.put("memoryAtN1", Map.of("heap", memory[0].heapUsedBytes(), "rss", memory[0].residentBytes()));
            figures.put("memoryAtN2", Map.of("heap", memory[1].heapUsedBytes(), "rss", memory[1].residentBytes()));
            if (heapPerSession < 0 || nativePerSession < 0) {
                // More sessions cannot cost less: a sample caught the heap or the resident set mid-change.
                String unmeasurable = String.format("not measurable: heap %+.2f KiB and native %+.2f KiB per session",
                        heapPerSession / 1024, nativePerSession / 1024);
                List.of("heapBytesPerSession", "nativeBytesPerSession", "bytesPerSession", "projectedGiBFor1MSessions")
                        .forEach(figure -> figures.put(figure, unmeasurable));
                System.out.printf("  per idle session: %s, noise larger than the signal even in the least of %d"
                        + " samples at each size; %.0f connects/s%n", unmeasurable, MEMORY_SAMPLES,
                        (double) figures.get("connectsPerSecond"));
            } else {
                figures.put("heapBytesPerSession", heapPerSession);
                figures.put("nativeBytesPerSession", nativePerSession);
                figures.put("bytesPerSession", perSession);
                figures.put("projectedGiBFor1MSessions", perSession * 1_000_000 / (1L << 30));
                System.out.printf("  per idle session: %.2f KiB (heap %.2f + native %.2f); 1 000 000 sessions ≈ %.1f"
                        + " GiB; %.0f connects/s%n", perSession / 1024, heapPerSession / 1024,
                        nativePerSession / 1024, (double) figures.get("projectedGiBFor1MSessions"),
                        (double) figures.get("connectsPerSecond"));
            }

            if (options.measures("unicast")) {
                figures.putAll(unicast(transport));
            }
            if (options.measures("broadcast")) {
                awaitQuietServer();
                figures.put("broadcast", broadcast(workers, () -> broadcastOnce(transport)));
            }
            if (options.measures("storm")) {
                figures.put("reconnectStorm", storm(workers, transport, n2));
            }
        }
        return figures;
    }

    /**
     * The server's memory with the idle sessions, sampled {@link #MEMORY_SAMPLES} times (once in the smoke run): the
     * sample with the least heap is the one a GC moment disturbed least.
     */
    private MicroServer.Memory settledMemory() throws Exception {
        MicroServer.Memory least = server.memory(!options.smoke());
        for (int sample = 1; sample < (options.smoke() ? 1 : MEMORY_SAMPLES); sample++) {
            MicroServer.Memory next = server.memory(true);
            if (next.heapUsedBytes() < least.heapUsedBytes()) {
                least = next;
            }
        }
        return least;
    }

    /**
     * Sends idleAcked messages to everyone, one at a time: each session acknowledges each (one acknowledgement
     * request per message, as a client that is seldom sent anything does) before the next goes. Then waits as long
     * as the server waits before it treats a session as quiet, so that what is measured is the cost of idle sessions.
     */
    private Fleet.Stats ackIdle(Workers workers, Transport transport) throws Exception {
        workers.all("reset 1");
        Fleet.Stats stats = workers.stats();
        for (int i = 1; i <= options.idleAcked(); i++) {
            broadcastOnce(transport);
            int sent = i;
            stats = awaitAll(workers, s -> s.minReceived() >= sent && s.notAcked() == 0);
            if (stats.minReceived() < sent || stats.notAcked() > 0) {
                System.out.printf("  not all idle sessions acknowledged message %d in time: %s%n", sent, stats.line());
                break;
            }
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * LeanSpdyFrameCodec.QUIET_NANOS));
        return stats;
    }

    /**
     * One stored message to each idle session of ours, through the API: a message to everyone goes at most
     * once, to the sessions online now, so only messages to client ids are kept until acknowledged.
     */
    private void messageEachSession(Transport transport, int sessions) throws Exception {
        List<String> paths = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            paths.add(transport.storedUnicastPath(transport.name() + "-" + i).orElseThrow());
        }
        postEach(http, server, paths, options.payloadBytes());
    }

    /** POSTs a payload to each path of the server, a few at a time; fails unless every one is answered 202. */
    private static void postEach(HttpClient http, MicroServer server, List<String> paths, int payloadBytes) {
        Semaphore inFlight = new Semaphore(STORM_SENDS_IN_FLIGHT);
        List<CompletableFuture<?>> sends = new ArrayList<>(paths.size());
        for (String path : paths) {
            inFlight.acquireUninterruptibly();
            sends.add(http.sendAsync(server.request(path).header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    Payloads.bytes(System.nanoTime(), payloadBytes)))
                            .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> inFlight.release())
                    .thenAccept(response -> {
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("a stored message answered " + response.statusCode()
                                    + ": " + response.body());
                        }
                    }));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    private int broadcastOnce(Transport transport) throws Exception {
        HttpResponse<String> response = http.send(server.request(transport.broadcastPath())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.bytes(System.nanoTime(), options.payloadBytes())))
                .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("broadcast answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    /**
     * Unicast to sessions of the bench process, sent two ways: from threads inside the server, as a bean
     * calls PushService (the push itself), then through each server's HTTP API, one call per message (what
     * a remote sender pays on top), and for ours also many messages per call. Ours is measured memory only, like the alternatives, then stored.
     */
    private Map<String, Map<String, Object>> unicast(Transport transport) throws Exception {
        Fleet fleet = new Fleet(transport);
        Fleet.Opened opened = fleet.open("unicast-" + transport.name(), 0, options.unicastClients(),
                InetAddress.getByName("127.0.0.1"));
        if (opened.failed() > 0) {
            System.out.printf("  %d unicast sessions failed to open: %s%n", opened.failed(), opened.firstError());
        }
        boolean stores = transport.storedUnicastPath("").isPresent();
        try (KeepAliveHttp calls = server.calls(group, options.concurrency())) {
            Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
            Map<String, Object> inServer = figures.computeIfAbsent("unicast", key -> new LinkedHashMap<>());
            System.out.println("  unicast from a bean in the server:");
            UnicastSender inServerSender = new InServerUnicastSender(server, transport.name(),
                    options.payloadBytes(), false);
            measureUnicast(fleet, inServerSender, "", inServer, 0);
            // Every transport at one rate too: at each one's own half maximum, the loads differ twentyfold.
            awaitQuietServer();
            Unicast.Result common = new Unicast(fleet, inServerSender).atRate(options.commonRate(), options.seconds());
            print("common", inServerSender, common);
            inServer.put("commonRate", Report.unicast(common));
            if (stores) {
                measureUnicast(fleet, new InServerUnicastSender(server, transport.name(), options.payloadBytes(),
                        true), "stored", inServer, 0);
            }
            Map<String, Object> overHttp = figures.computeIfAbsent("unicastHttp", key -> new LinkedHashMap<>());
            System.out.println("  unicast through the HTTP API:");
            measureUnicast(fleet, new HttpUnicastSender(calls, options.payloadBytes(), transport::unicastPath), "",
                    overHttp, HTTP_WARM_UP_CALLS);
            if (stores) {
                measureUnicast(fleet, new HttpUnicastSender(calls, options.payloadBytes(),
                        id -> transport.storedUnicastPath(id).orElseThrow()), "stored", overHttp, 0);
            }
            if (transport.batchPath().isPresent()) {
                Map<String, Object> batched = figures.computeIfAbsent("unicastHttpBatch", key -> new LinkedHashMap<>());
                System.out.println("  unicast through the HTTP API, " + HttpBatchSender.MAX_PER_CALL + " per call:");
                measureUnicast(fleet, new HttpBatchSender(calls, options.payloadBytes(),
                        transport.batchPath().orElseThrow(), false), "", batched, 0);
                measureUnicast(fleet, new HttpBatchSender(calls, options.payloadBytes(),
                        transport.batchPath().orElseThrow(), true), "stored", batched, 0);
            }
            return figures;
        } finally {
            fleet.closeAll();
        }
    }

    /**
     * The maximum, then half of it, put in figures as {prefix}max and {prefix}halfMax (camel case), after a warm-up
     * of {@code warmUpCalls} calls at least.
     */
    private void measureUnicast(Fleet fleet, UnicastSender sender, String prefix, Map<String, Object> figures,
                                long warmUpCalls) throws IOException, InterruptedException {
        Unicast unicast = new Unicast(fleet, sender);
        if (!options.smoke()) {
            warmUp(unicast, options.concurrency(), warmUpCalls);
        }
        awaitQuietServer();
        Unicast.Result max = unicast.atMaximum(options.concurrency(), options.seconds());
        print(prefix, sender, max);
        awaitQuietServer();
        Unicast.Result half = unicast.atRate(Math.max(10, max.receivedPerSecond() / 2), options.seconds());
        print(prefix, sender, half);
        figures.put(prefix.isEmpty() ? "max" : prefix + "Max", Report.unicast(max));
        figures.put(prefix.isEmpty() ? "halfMax" : prefix + "HalfMax", Report.unicast(half));
    }

    /**
     * Sends as fast as it goes, in rounds of {@link #WARM_UP_SECONDS}, until three rounds in a row are not a
     * twentieth faster than the fastest before them (at most {@link #UNICAST_WARM_UP_ROUNDS} rounds), so that the JIT has
     * compiled the path before anything is measured: a push from a bean is steady after some rounds, a REST call
     * only after some 200 000 calls (Payara's security, JAX-RS and EJB layers), which at first go at a fifth of
     * their later rate and climb by a few per cent a round, not faster every round on two cores shared with the
     * compiler threads. A stricter rule (two rounds, a tenth) ended the same REST path's warm-up at 2 670 calls/s
     * in one run and 5 937 in the next; and three rounds on a plateau ended it at 2 284 in one transport's run
     * while the same path went on to 6 980 in another's, after 150 000 calls: so a warm-up also lasts
     * {@code minCalls} calls.
     */
    static void warmUp(Unicast unicast, int concurrency, long minCalls) throws InterruptedException {
        double fastest = 0;
        int roundsNotFaster = 0;
        long calls = 0;
        StringBuilder rates = new StringBuilder();
        for (int round = 0; round < UNICAST_WARM_UP_ROUNDS && (roundsNotFaster < 3 || calls < minCalls); round++) {
            Unicast.Result result = unicast.atMaximum(concurrency, WARM_UP_SECONDS);
            double rate = result.receivedPerSecond();
            calls += result.calls().getTotalCount();
            rates.append(round == 0 ? "" : ", ").append(Math.round(rate));
            roundsNotFaster = rate < fastest * 1.05 ? roundsNotFaster + 1 : 0;
            fastest = Math.max(fastest, rate);
        }
        System.out.println("        warm-up, messages/s received per round: " + rates);
    }

    /**
     * Lets the server finish what the last measurement left it (its garbage; the stored messages'
     * acknowledgements, written after the receipts were counted), so that the next one is not charged for it.
     */
    private void awaitQuietServer() throws IOException, InterruptedException {
        if (!server.awaitQuiet()) {
            System.out.println("    (the server still used more than a fifth of a core after a minute;"
                    + " measuring anyway)");
        }
    }

    static void print(String prefix, UnicastSender sender, Unicast.Result result) {
        System.out.printf("    %-6s %-5s offered %7.0f/s received %7.0f/s (%d sent, %d refused); receipt p50 %.2f"
                        + " p99 %.2f p99.9 %.2f ms; ack p50 %.2f p99 %.2f ms; %s p50 %.2f p99 %.2f ms%n",
                prefix, result.mode(), result.offeredPerSecond(),
                result.receivedPerSecond(), result.sent(), result.refused(),
                result.receipt().getValueAtPercentile(50) / 1000.0, result.receipt().getValueAtPercentile(99) / 1000.0,
                result.receipt().getValueAtPercentile(99.9) / 1000.0, result.ack().getValueAtPercentile(50) / 1000.0,
                result.ack().getValueAtPercentile(99) / 1000.0, sender.callName(),
                result.calls().getValueAtPercentile(50) / 1000.0, result.calls().getValueAtPercentile(99) / 1000.0);
    }

    /**
     * One message to every session of the workers, sent by {@code sendOnce}: first until the time the last session
     * takes to have it falls by less than a tenth from one round to the next (at most {@link #WARM_UP_ROUNDS}), so that
     * the server's and the workers' JIT have compiled the fan-out and the receiving; then three times measured:
     * deliveries per second and the time until the last has it (median of 3).
     */
    static Map<String, Object> broadcast(Workers workers, Callable<?> sendOnce) throws Exception {
        StringBuilder warmUp = new StringBuilder();
        double previous = Double.MAX_VALUE;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            double millis = broadcastRound(workers, sendOnce).millisUntilLast();
            warmUp.append(round == 0 ? "" : ", ").append(Math.round(millis));
            if (millis > previous * 0.9) {
                break;
            }
            previous = millis;
        }
        System.out.println("  broadcast warm-up, ms until the last has it per round: " + warmUp);
        List<Double> lastMillis = new ArrayList<>();
        int online = 0;
        boolean allReached = true;
        for (int round = 0; round < 3; round++) {
            BroadcastRound measured = broadcastRound(workers, sendOnce);
            online = measured.stats().online();
            allReached &= measured.stats().minReceived() >= 1;
            lastMillis.add(measured.millisUntilLast());
        }
        lastMillis.sort(Double::compare);
        double median = lastMillis.get(1);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sessions", online);
        figures.put("allReached", allReached);
        figures.put("millisUntilLast", median);
        figures.put("deliveriesPerSecond", online / (median / 1000));
        System.out.printf("  broadcast to %d sessions: last one has it after %.1f ms (median of %s), %.0f"
                + " deliveries/s%n", online, median, lastMillis, online / (median / 1000));
        return figures;
    }

    /**
     * One broadcast: the workers' stats once every session has it (or after a minute), and how long the last took.
     * No session acknowledges it: a broadcast is at most once on every transport, and our SDK acknowledges only
     * messages flagged ACK_REQUIRED (docs/PROTOCOL.md §2), which a message to everyone never is.
     */
    private record BroadcastRound(Fleet.Stats stats, double millisUntilLast) {
    }

    private static BroadcastRound broadcastRound(Workers workers, Callable<?> sendOnce) throws Exception {
        workers.all("reset 0");
        long start = System.nanoTime();
        sendOnce.call();
        Fleet.Stats stats = awaitAll(workers, s -> s.minReceived() >= 1);
        return new BroadcastRound(stats, (stats.lastReceiptNanos() - start) / 1e6);
    }

    /** The workers' stats once {@code done} holds, or after a minute. */
    static Fleet.Stats awaitAll(Workers workers, java.util.function.Predicate<Fleet.Stats> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
        Fleet.Stats stats = workers.stats();
        while (!done.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stats = workers.stats();
        }
        return stats;
    }

    /**
     * Two reconnect storms ({@link #stormOnce}), the first not measured, so that the JIT has compiled what only a
     * storm runs (a profile of a single storm found C2 compiling in 30 % of the server's samples); when not every
     * session came back from the first, the first is the figure.
     */
    private Map<String, Object> storm(Workers workers, Transport transport, int sessions) throws Exception {
        System.out.print("  warm-up:");
        Map<String, Object> warmUp = stormOnce(workers, transport, sessions);
        if (!(warmUp.get("millisUntilAllResumed") instanceof Double)) {
            System.out.println("  (not everyone came back from the warm-up storm: it is the figure)");
            return warmUp;
        }
        awaitQuietServer();
        return stormOnce(workers, transport, sessions);
    }

    /**
     * Every session receives one message it does not acknowledge; then all connections are cut at once and
     * reopened, resuming after the last acknowledged seq. Ours must redeliver that message to every session;
     * the alternatives keep nothing for an offline client, so for them only the reconnection is timed.
     */
    private Map<String, Object> stormOnce(Workers workers, Transport transport, int sessions) throws Exception {
        boolean resumes = Transport.isOurs(transport.name());
        workers.all("reset 0");
        if (resumes) {
            messageEachSession(transport, sessions);
        } else {
            broadcastOnce(transport);
        }
        awaitAll(workers, stats -> stats.minReceived() >= 1);
        workers.all("reset 1");
        long start = System.nanoTime();
        List<String[]> answers = workers.all("storm");
        int reopened = 0;
        long lastReopened = 0;
        for (String[] answer : answers) {
            reopened += Integer.parseInt(answer[1]);
            lastReopened = Math.max(lastReopened, Long.parseLong(answer[4]));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sessions", sessions);
        figures.put("reopened", reopened);
        // Only a storm that every session came through has a time until all are back.
        Object untilAll = reopened == sessions ? (Object) ((lastReopened - start) / 1e6)
                : "not all: " + reopened + " of " + sessions + " reconnected in time";
        figures.put("millisUntilAllReconnected", untilAll);
        if (resumes) {
            Fleet.Stats stats = awaitAll(workers, s -> s.redelivered() >= s.online());
            figures.put("redelivered", stats.redelivered());
            figures.put("lost", sessions - stats.redelivered());
            figures.put("millisUntilAllResumed", reopened == sessions && stats.redelivered() == sessions
                    ? (Object) ((Math.max(stats.lastReceiptNanos(), lastReopened) - start) / 1e6) : untilAll);
            System.out.printf("  reconnect storm: %d of %d sessions back after %.0f ms, the unacknowledged message"
                            + " redelivered to %d (lost %d) after %.0f ms%n", reopened, sessions,
                    (lastReopened - start) / 1e6, stats.redelivered(), sessions - stats.redelivered(),
                    (Math.max(stats.lastReceiptNanos(), lastReopened) - start) / 1e6);
        } else {
            figures.put("lost", "n/a: no outbox, a message sent while offline is gone");
            figures.put("millisUntilAllResumed", untilAll);
            System.out.printf("  reconnect storm: %d of %d sessions back after %.0f ms (no redelivery in %s)%n",
                    reopened, sessions, (lastReopened - start) / 1e6, transport.name());
        }
        return figures;
    }

    /** The repository root: the nearest directory up from here or from the jar that holds micro/. */
    public static Path repository() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // Only the working directory then.
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("micro")) && Files.isDirectory(dir.resolve("push-bench"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("run the bench from the spdypush repository (no micro/ found above "
                + starts.get(0) + ")");
    }
}
