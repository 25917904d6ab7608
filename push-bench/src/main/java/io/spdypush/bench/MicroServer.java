package io.spdypush.bench;

import io.spdypush.password.PasswordHash;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test: Payara Micro with push-rar.rar, push.war and the alternatives' bench.war (or, for the
 * fault tests, with the database of the stored messages instead), started by the bench on its own ports, its pid
 * recorded, and stopped (or killed) by that pid alone. The heap is fixed and
 * pre-touched, so that the resident set grows only with native memory and the heap is measured apart.
 * It is given the hash of an admin password made up for this run, and every request of the bench to
 * it carries that password (push.war's API needs the role push-admin; bench.war's senders log in with it too).
 */
public final class MicroServer implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    /** A fifth of a core: an idle server with 18 000 sessions and their heartbeats stays under it. */
    private static final long QUIET_CPU_NANOS_PER_SECOND = TimeUnit.MILLISECONDS.toNanos(200);

    private final Process process;
    private final int httpPort;
    private final Path pidFile;
    /** Where the server's output goes, appended from one start to the next in the same directory. */
    private final Path log;
    private final String authorization;

    private MicroServer(Process process, int httpPort, Path pidFile, Path log, String adminPassword) {
        this.process = process;
        this.httpPort = httpPort;
        this.pidFile = pidFile;
        this.log = log;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** Memory of the server process, after a full GC. */
    public record Memory(long heapUsedBytes, long residentBytes) {
    }

    static MicroServer start(Path repo, BenchOptions options, Path outDir) throws IOException, InterruptedException {
        return start(repo, options, outDir, List.of());
    }

    /**
     * Starts the server with adapter settings of the caller's own on top of the bench's, as system properties
     * ({@code -Dspdypush.maxFramesPerSecond=500}): the later setting of a property wins.
     */
    public static MicroServer start(Path repo, BenchOptions options, Path outDir, List<String> serverProperties)
            throws IOException, InterruptedException {
        Path micro = repo.resolve("micro/target");
        Path benchWar = repo.resolve("push-bench-web/target/bench.war");
        requireBuilt(List.of(micro.resolve("payara-micro.jar"), micro.resolve("push-rar.rar"),
                micro.resolve("push.war"), benchWar));
        requireFree(options.httpPort(), "--http-port");
        requireFree(options.spdyPort(), "--spdy-port");
        List<String> jvmOptions = List.of(
                "-Xms" + options.serverHeap(), "-Xmx" + options.serverHeap(), "-XX:+AlwaysPreTouch",
                "-Dspdypush.spdyPort=" + options.spdyPort(),
                "-Dspdypush.bindAddress=127.0.0.1",
                "-Dspdypush.tokenSecret=" + options.tokenSecret(),
                "-Dspdypush.maxSessions=" + options.maxSessions(),
                "-Dspdypush.outboxMaxMessages=" + options.outboxMaxMessages(),
                "-Dspdypush.dataDirectory=" + outDir.resolve("spdypush-data"),
                "-Dspdypush.staticDirectory=" + staticDirectory(outDir),
                // The bundle measurement fetches pages' sub-resources one request each, far faster than a
                // person: the flood guard would refuse the baseline it is compared with.
                "-Dspdypush.maxFramesPerSecond=1000000",
                // Each worker holds all its sessions from one loopback address.
                "-Dspdypush.maxConnectionsPerAddress=100000");
        List<String> microArguments = List.of("--nohazelcast", "--port", Integer.toString(options.httpPort()),
                "--deploy", micro.resolve("push-rar.rar").toString(),
                "--deploy", micro.resolve("push.war").toString(),
                "--deploy", benchWar.toString());
        String adminPassword = UUID.randomUUID().toString();
        List<String> allJvmOptions = new ArrayList<>(jvmOptions);
        // bench.war's senders log in with the same password as ours (SenderLogin).
        allJvmOptions.add("-Dbench.senderPassword=" + adminPassword);
        allJvmOptions.addAll(serverProperties);
        MicroServer server = launch(micro, allJvmOptions, microArguments, options.httpPort(), adminPassword, outDir);
        return server.ready(true);
    }

    /**
     * Payara Micro as {@code ./run} starts it, on the ports given: push-rar.rar and push.war alone, the adapter's
     * data directory and the H2 database of the stored messages (micro's post-boot commands) in
     * {@code outDir/target/spdypush-data}, which survive a crash, so that a server started again on the same
     * {@code outDir} carries on where the last one stopped. Give each start the same admin password: requests
     * still under way with an earlier one would count as wrong passwords and lock the admin out.
     */
    public static MicroServer startStored(Path repo, int httpPort, int spdyPort, String tokenSecret,
                                          String adminPassword, Path outDir) throws IOException, InterruptedException {
        return startStored(repo, httpPort, spdyPort, tokenSecret, adminPassword, outDir,
                repo.resolve("micro/src/main/payara/post-boot-commands.txt"), "jdbc/spdypush-messages", List.of());
    }

    /**
     * The same with another database: {@code postBootCommands} define the datasource {@code dataSource}, whose JDBC
     * driver is among {@code libraries} (added with {@code --addlibs}) unless Payara has it.
     */
    public static MicroServer startStored(Path repo, int httpPort, int spdyPort, String tokenSecret,
                                          String adminPassword, Path outDir, Path postBootCommands,
                                          String dataSource, List<Path> libraries)
            throws IOException, InterruptedException {
        requireFree(httpPort, "--http-port");
        requireFree(spdyPort, "--spdy-port");
        return spawnStored(repo, httpPort, spdyPort, tokenSecret, adminPassword, outDir, postBootCommands, dataSource,
                libraries).ready(false);
    }

    /**
     * Starts the server as {@link #startStored(Path, int, int, String, String, Path)} does, but neither checks the
     * ports nor waits until it is ready: for a start that may fail, watched through its {@link #log()}.
     */
    public static MicroServer spawnStored(Path repo, int httpPort, int spdyPort, String tokenSecret,
                                          String adminPassword, Path outDir) throws IOException {
        return spawnStored(repo, httpPort, spdyPort, tokenSecret, adminPassword, outDir,
                repo.resolve("micro/src/main/payara/post-boot-commands.txt"), "jdbc/spdypush-messages", List.of());
    }

    private static MicroServer spawnStored(Path repo, int httpPort, int spdyPort, String tokenSecret,
                                           String adminPassword, Path outDir, Path postBootCommands,
                                           String dataSource, List<Path> libraries) throws IOException {
        Path micro = repo.resolve("micro/target");
        List<Path> required = new ArrayList<>(List.of(micro.resolve("payara-micro.jar"), micro.resolve("push-rar.rar"),
                micro.resolve("push.war"), postBootCommands));
        required.addAll(libraries);
        requireBuilt(required);
        // The post-boot commands may name the database relative to the working directory, outDir.
        List<String> jvmOptions = List.of("-Xmx512m",
                "-Dspdypush.spdyPort=" + spdyPort,
                "-Dspdypush.bindAddress=127.0.0.1",
                "-Dspdypush.tokenSecret=" + tokenSecret,
                "-Dspdypush.dataDirectory=" + outDir.resolve("target/spdypush-data"),
                "-Dspdypush.dataSource=" + dataSource);
        List<String> microArguments = new ArrayList<>(List.of("--nocluster", "--port", Integer.toString(httpPort),
                "--postbootcommandfile", postBootCommands.toString()));
        for (Path library : libraries) {
            microArguments.addAll(List.of("--addlibs", library.toString()));
        }
        microArguments.addAll(List.of("--deploy", micro.resolve("push-rar.rar").toString(),
                "--deploy", micro.resolve("push.war").toString()));
        return launch(micro, jvmOptions, microArguments, httpPort, adminPassword, outDir);
    }

    /**
     * A node of a push cluster (README, "A cluster"), started as ./run-cluster starts one: push-rar.rar and push.war
     * with {@code spdypush.cluster=true} on Payara's data grid on loopback (its member on {@code gridPort}, the
     * others found through {@code firstGridPort}), the stored messages in the PostgreSQL pool {@code postBootCommands}
     * defines as {@code jdbc/spdypush-cluster}, the heap fixed and pre-touched. Not waited for: start the nodes
     * together, then {@link #awaitStarted} each.
     */
    static MicroServer spawnClusterNode(Path repo, int httpPort, int spdyPort, int gridPort, int firstGridPort,
                                        String clusterName, String heap, String tokenSecret, String adminPassword,
                                        Path postBootCommands, Path outDir) throws IOException {
        Path micro = repo.resolve("micro/target");
        requireBuilt(List.of(micro.resolve("payara-micro.jar"), micro.resolve("push-rar.rar"),
                micro.resolve("push.war"), micro.resolve("postgresql.jar")));
        requireFree(httpPort, "--http-port");
        requireFree(spdyPort, "--spdy-port");
        List<String> jvmOptions = List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                "-Dspdypush.cluster=true",
                "-Dspdypush.spdyPort=" + spdyPort,
                "-Dspdypush.bindAddress=127.0.0.1",
                "-Dspdypush.tokenSecret=" + tokenSecret,
                "-Dspdypush.maxSessions=100000",
                "-Dspdypush.dataDirectory=" + outDir.resolve("spdypush-data"),
                "-Dspdypush.dataSource=jdbc/spdypush-cluster",
                // The bench's senders are far faster than a person: the flood guard would refuse them.
                "-Dspdypush.maxFramesPerSecond=1000000",
                // Each worker holds all its sessions from one loopback address.
                "-Dspdypush.maxConnectionsPerAddress=100000");
        List<String> microArguments = List.of("--clustermode", "tcpip:127.0.0.1:" + firstGridPort,
                "--interfaces", "127.0.0.1", "--startport", Integer.toString(gridPort),
                "--clustername", clusterName, "--port", Integer.toString(httpPort),
                "--sslport", Integer.toString(httpPort + 100),
                "--addlibs", micro.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBootCommands.toString(),
                "--deploy", micro.resolve("push-rar.rar").toString(),
                "--deploy", micro.resolve("push.war").toString());
        return launch(micro, jvmOptions, microArguments, httpPort, adminPassword, outDir);
    }

    /** Waits until a server spawned without waiting answers; stops it (by its pid) when it does not. */
    MicroServer awaitStarted() throws IOException, InterruptedException {
        return ready(false);
    }

    private static void requireBuilt(List<Path> required) {
        for (Path file : required) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: build first with"
                        + " mvn -q -pl push-bench -am package -DskipTests");
            }
        }
    }

    /**
     * Starts {@code java <jvmOptions> -jar payara-micro.jar <microArguments>} in {@code outDir}, its output
     * appended to {@code outDir/micro.log}.
     */
    private static MicroServer launch(Path micro, List<String> jvmOptions, List<String> microArguments, int httpPort,
                                      String adminPassword, Path outDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.add("-Dspdypush.admin.passwordHash=" + PasswordHash.of(adminPassword.toCharArray()).encoded());
        // Extra JVM options for the server, for profiling (e.g. -XX:StartFlightRecording=...): before -jar.
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // Payara Micro unpacks its runtime into a new directory of the temporary directory at each start and
        // removes it at an orderly stop only: kept under outDir, the directories a SIGKILL leaves are found
        // and removed (see kill()), where in /tmp a long kill loop would fill the disk.
        Path tmp = Files.createDirectories(outDir.resolve("tmp"));
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(List.of("-jar", micro.resolve("payara-micro.jar").toString()));
        command.addAll(microArguments);
        Path log = outDir.resolve("micro.log");
        Process process = new ProcessBuilder(command).directory(outDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Path pidFile = outDir.resolve("payara-micro.pid");
        Files.writeString(pidFile, process.pid() + "\n");
        MicroServer server = new MicroServer(process, httpPort, pidFile, log, adminPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /** Fails at once, naming the option, when another process listens on the port the bench wants. */
    private static void requireFree(int port, String option) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use by another process; give the bench"
                    + " another one with " + option + " PORT");
        }
    }

    /** Where the server serves static files from, and the bundle measurement writes its pages. */
    public static Path staticDirectory(Path outDir) {
        return outDir.resolve("static");
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Collects the server's heap, then waits until the server has used less than a fifth of a core for a whole
     * second, at most a minute: what one measurement left it (its garbage, acknowledgements of stored messages
     * being written) is then not charged to the next. Without the collection, G1's mixed collections of what a
     * maximum's backlog left paused the server for 115-122 ms in the next phase, and one such pause was the p99 of
     * a 10 s phase at the common rate. False when it never settled, which the caller reports.
     */
    public boolean awaitQuiet() throws IOException, InterruptedException {
        jcmd("GC.run");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long before = cpuNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = cpuNanos();
            if (now - before < QUIET_CPU_NANOS_PER_SECOND) {
                return true;
            }
            before = now;
        }
        return false;
    }

    private long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the CPU time of pid " + pid() + " cannot be read")).toNanos();
    }

    /** This server once it answers, or stopped (by its pid) when it does not: the caller never gets hold of it. */
    private MicroServer ready(boolean withAlternatives) throws InterruptedException, IOException {
        try {
            awaitReady(withAlternatives);
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitReady(boolean withAlternatives) throws InterruptedException, IOException {
        // HTTP/1.1: Java's client offers cleartext HTTP/2 by an upgrade, which can deadlock Payara's listener.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro ended during start; see " + log);
            }
            try {
                HttpResponse<String> status = http.send(request("/push/api/status")
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200 && (!withAlternatives || alternativesReady(http))) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        if (process.isAlive()) {
            // What it was doing, for whoever reads why a start hung.
            Files.writeString(log, "\n[bench] not ready within 240 s; its threads:\n" + jcmd("Thread.print"),
                    StandardOpenOption.APPEND);
        }
        throw new IllegalStateException("Payara Micro was not ready within 240 s; see " + log);
    }

    private boolean alternativesReady(HttpClient http) throws IOException, InterruptedException {
        return http.send(request("/bench/api/ws/messages").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 202;
    }

    /** POSTs to the server with the admin's credentials, over at most {@code connections} kept-alive connections. */
    KeepAliveHttp calls(EventLoopGroup group, int connections) {
        return new KeepAliveHttp(group, "127.0.0.1", httpPort, authorization, connections);
    }

    /** A request to {@code path} on the server, with the admin's credentials. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", authorization);
    }

    /** Runs a full GC (two when thorough) in the server, then reads its used heap (jcmd) and its resident set (/proc). */
    public Memory memory(boolean thorough) throws IOException, InterruptedException {
        jcmd("GC.run");
        if (thorough) {
            // A second full GC after a pause catches what finalisation and reference processing freed.
            Thread.sleep(500);
            jcmd("GC.run");
        }
        Matcher heap = HEAP_USED.matcher(jcmd("GC.heap_info"));
        Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
        if (!heap.find() || !rss.find()) {
            throw new IllegalStateException("cannot read the memory of pid " + pid());
        }
        return new Memory(Long.parseLong(heap.group(1)) * 1024, Long.parseLong(rss.group(1)) * 1024);
    }

    /** The server's used heap now, garbage included: no GC is run. */
    long heapUsedBytes() throws IOException, InterruptedException {
        Matcher heap = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!heap.find()) {
            throw new IllegalStateException("cannot read the heap of pid " + pid());
        }
        return Long.parseLong(heap.group(1)) * 1024;
    }

    /** Open file descriptors of the server process. */
    long openFiles() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process run = new ProcessBuilder(jcmd, Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /**
     * Crashes the server: SIGKILL to exactly the process this bench started, nothing else, and waits until it
     * is gone, so that its ports are free for the next start.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Payara Micro pid " + pid() + " is still alive 30 s after SIGKILL");
        }
        close();
    }

    /** Removes the runtime directories that Payara Micro unpacked and did not remove itself (a SIGKILL's). */
    private void removeRuntimeDirectories() throws IOException {
        try (var runtimes = Files.list(log.resolveSibling("tmp"))) {
            for (Path runtime : runtimes.filter(dir -> dir.getFileName().toString().startsWith("payaramicro-rt"))
                    .toList()) {
                try (var files = Files.walk(runtime)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /** Stops exactly the process this bench started (SIGTERM, then SIGKILL after 30 s); idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
            removeRuntimeDirectories();
        } catch (IOException | UncheckedIOException e) {
            // Only a stale pid file, or a directory of the process that is gone (another close, such as a
            // shutdown hook's, may be removing it too); the next start makes its own.
        }
    }
}
