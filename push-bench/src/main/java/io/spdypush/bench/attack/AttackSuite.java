package io.spdypush.bench.attack;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spdypush.bench.Bench;
import io.spdypush.bench.BenchOptions;
import io.spdypush.bench.Machine;
import io.spdypush.bench.MicroServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The adversarial client (issue 17): starts Payara Micro with push-rar.rar and push.war as the bench does,
 * connects a bystander session, then does each attack for a bounded time on loopback while the bystander's
 * PINGs and pushes are timed, and reads what it cost the server: heap after a full GC before and after, CPU,
 * and the badInput counters of GET /push/api/status.
 */
public final class AttackSuite {

    /** The bounds of issue 17: what no attack may make the server do to the bystander or to its heap. */
    public static final long PING_P99_BOUND_MICROS = 100_000;
    public static final long HEAP_GROWTH_BOUND_BYTES = 64L * 1024 * 1024;

    /**
     * One run of the suite.
     *
     * @param attack  how long each attack goes on (then it waits, bounded, for the refusals still due)
     * @param timeout the server's writeTimeoutSeconds, requestTimeoutSeconds and pushStreamTimeoutSeconds,
     *                shortened from their defaults so that the refusals they bring come within an attack
     */
    public record Options(Duration attack, Duration timeout, int httpPort, int spdyPort, Path outDir) {

        /** How long an attack waits, after its time, for the refusals still due. */
        public Duration refusalWait() {
            return timeout.plusSeconds(3);
        }

        /** The run RELIABILITY.md reports. */
        public static Options full() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(2), 28480, 27570,
                    Path.of("push-bench/target/reliability/attack-server"));
        }

        /** The seconds-long run of the smoke test, on ports of its own. */
        public static Options smoke() {
            return new Options(Duration.ofSeconds(2), Duration.ofSeconds(2), 28380, 27470,
                    Path.of("push-bench/target/attack-smoke"));
        }
    }

    /** What one attack did, what the server answered, and what it cost the server and the bystander. */
    public record Result(String attack, String does, String documented, Set<String> countedAs, Outcome outcome,
                         Bystander.Figures bystander, long heapBeforeBytes, long heapAfterBytes, double serverCores,
                         Map<String, Long> badInput) {

        public String answered() {
            return outcome.answered();
        }

        /** Whether the server refused the attack the way README.md says, and counted it in badInput. */
        public boolean refusedAsDocumented() {
            return outcome.asDocumented()
                    && (countedAs.isEmpty() || countedAs.stream().anyMatch(badInput::containsKey));
        }

        public long heapGrowthBytes() {
            return heapAfterBytes - heapBeforeBytes;
        }

        /** The bystander's session stayed up, every PING was answered and every push arrived. */
        public boolean bystanderUnharmed() {
            return bystander.online() && bystander.pingsSent() > 0
                    && bystander.pingsAnswered() == bystander.pingsSent()
                    && bystander.pushesReceived() == bystander.pushesSent();
        }

        public double pingMillis(double percentile) {
            return bystander.pingMicros().getValueAtPercentile(percentile) / 1000.0;
        }

        public double pushMillis(double percentile) {
            return bystander.pushMicros().getValueAtPercentile(percentile) / 1000.0;
        }

        public boolean withinBounds() {
            return bystanderUnharmed() && bystander.pingMicros().getValueAtPercentile(99) < PING_P99_BOUND_MICROS
                    && heapGrowthBytes() < HEAP_GROWTH_BOUND_BYTES;
        }
    }

    /**
     * A whole run: when, where, with which server settings, and each attack's result.
     *
     * @param loadAverages the machine's load averages (/proc/loadavg: 1, 5 and 15 minutes) at the start and the end
     */
    public record Run(Instant started, Map<String, Object> machine, List<String> loadAverages, Options options,
                      List<String> serverSettings, List<Result> results) {
    }

    private final Options options;
    private final Target target;
    private final ServerWatch watch;
    private final Bystander bystander;

    private AttackSuite(Options options, Target target, ServerWatch watch, Bystander bystander) {
        this.options = options;
        this.target = target;
        this.watch = watch;
        this.bystander = bystander;
    }

    public static Run run(Options options) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Instant started = Instant.now();
        String loadAtStart = loadAverages();
        Path repo = Bench.repository();
        Path outDir = options.outDir().isAbsolute() ? options.outDir() : repo.resolve(options.outDir());
        Files.createDirectories(outDir);
        String bigPath = "/attack/big.bin";
        writeBigFile(MicroServer.staticDirectory(outDir).resolve(bigPath.substring(1)));
        BenchOptions bench = BenchOptions.parse("--http-port", Integer.toString(options.httpPort()),
                "--spdy-port", Integer.toString(options.spdyPort()), "--server-heap", "1g",
                "--out", outDir.toString());
        long timeout = options.timeout().toSeconds();
        List<String> settings = List.of("maxFramesPerSecond=" + Target.MAX_FRAMES_PER_SECOND,
                "writeTimeoutSeconds=" + timeout, "requestTimeoutSeconds=" + timeout,
                "pushStreamTimeoutSeconds=" + timeout);
        System.out.printf("starting Payara Micro: HTTP %d, SPDY %d (log %s)%n", options.httpPort(),
                options.spdyPort(), outDir.resolve("micro.log"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("attacker", true),
                NioIoHandler.newFactory());
        try (MicroServer server = MicroServer.start(repo, bench, outDir,
                settings.stream().map(setting -> "-Dspdypush." + setting).toList())) {
            Target target = new Target("127.0.0.1", options.httpPort(), options.spdyPort(), bench.tokenSecret(),
                    options.timeout(), options.refusalWait(), bigPath, group);
            List<Result> results = new ArrayList<>();
            try (Bystander bystander = Bystander.connect(target, server)) {
                // Untimed, so that the first figures are not those of the JIT compiling the bystander's path.
                bystander.start();
                Thread.sleep(options.attack().toMillis());
                bystander.stop();
                AttackSuite suite = new AttackSuite(options, target, new ServerWatch(server), bystander);
                for (Attack attack : attacks()) {
                    results.add(suite.measure(attack));
                }
            }
            return new Run(started, Machine.describe(), List.of(loadAtStart, loadAverages()), options, settings,
                    results);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
        }
    }

    private static String loadAverages() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(" ", fields[0], fields[1], fields[2]);
    }

    private static List<Attack> attacks() throws IOException {
        return List.of(new Baseline(), new UnreadDataFlood(), SessionFlood.pings(), SessionFlood.windowUpdates(),
                new HeaderBombs(), new HalfSentBodies(), new ClosedWindow(), new TakeoverChurn(), new WrongLogins(),
                new SilentConnections());
    }

    private static void writeBigFile(Path file) throws IOException {
        byte[] bytes = new byte[Target.BIG_FILE_BYTES];
        new Random(17).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private Result measure(Attack attack) throws Exception {
        System.out.println("== " + attack.name());
        long heapBefore = watch.heapBytesAfterGc();
        Map<String, Long> badInputBefore = watch.badInput();
        double cpuBefore = watch.cpuSeconds();
        long start = System.nanoTime();
        bystander.start();
        Outcome outcome;
        Bystander.Figures figures;
        double cores;
        long heapAfter;
        try (attack) {
            try {
                outcome = attack.run(target, start + options.attack().toNanos());
            } catch (Exception e) {
                outcome = new Outcome("the attack failed: " + e, false);
            }
            cores = (watch.cpuSeconds() - cpuBefore) / ((System.nanoTime() - start) / 1e9);
            figures = bystander.stop();
            heapAfter = watch.heapBytesAfterGc();
        }
        Result result = new Result(attack.name(), attack.does(), attack.documented(), attack.countedAs(), outcome,
                figures, heapBefore,
                heapAfter, cores, ServerWatch.grown(badInputBefore, watch.badInput()));
        System.out.printf(Locale.ROOT, "  %s%n  refused as documented: %s; badInput %s; server CPU %.2f cores;"
                        + " heap %+.1f MiB%n  bystander: %d/%d PINGs answered, p50 %.2f p99 %.2f max %.2f ms;"
                        + " %d/%d pushes, p99 %.2f ms; session %s%n", outcome.answered(),
                result.refusedAsDocumented(), result.badInput(), cores, result.heapGrowthBytes() / 1048576.0,
                figures.pingsAnswered(), figures.pingsSent(), result.pingMillis(50), result.pingMillis(99),
                result.pingMillis(100),
                figures.pushesReceived(), figures.pushesSent(), result.pushMillis(99),
                figures.online() ? "up" : "DOWN");
        return result;
    }
}
