package io.spdypush.bench.fault;

import io.spdypush.bench.Bench;
import io.spdypush.bench.MicroServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Crashes the server under at-least-once traffic, again and again: Payara Micro with push-rar.rar, push.war, a
 * data directory and an H2 file database (as {@code ./run}), a sender posting stored messages, SDK clients
 * receiving and acknowledging them; at a random moment SIGKILL to the server's pid alone, a start on the same
 * ports and data, and so on. Every {@code --check-every} kills and after the last, the sender pauses and the
 * clients drain: every message the server accepted must have arrived at least once. Each check is written to
 * disk (a markdown fragment of RELIABILITY.md and its ledger), so that a long run that is stopped keeps what it
 * checked and {@code --continue} adds more kills to it. It stops at the first check that finds a loss.
 *
 * <pre>mvn -q -pl push-bench -am package -DskipTests
 * java -cp push-bench/target/push-bench.jar io.spdypush.bench.fault.KillLoop --kills 1000 --min-uptime 1000 --max-uptime 5000</pre>
 */
public final class KillLoop {

    private static final long DRAIN_POLL_MILLIS = 500;

    private KillLoop() {
    }

    public static void main(String[] args) throws Exception {
        KillLoopResult checked = run(KillLoopOptions.parse(args));
        System.exit(checked.lost().isEmpty() ? 0 : 1);
    }

    public static KillLoopResult run(KillLoopOptions options) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Path repo = Bench.repository();
        Path outDir = repo.resolve(options.outDir());
        Path fragment = repo.resolve(options.fragment());
        KillLoopLedger ledger = new KillLoopLedger(ledgerDirectory(fragment));
        if (!options.continueEarlierRuns()) {
            ledger.clear();
        }
        // A fresh database and data directory: the books start empty, so must the server.
        deleteRecursively(outDir);
        Files.createDirectories(outDir);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Deliveries deliveries = new Deliveries();
        Instant started = Instant.now();
        String adminPassword = UUID.randomUUID().toString();
        AtomicReference<MicroServer> server = new AtomicReference<>(start(repo, options, adminPassword, outDir));
        int kills = 0;
        KillLoopResult checked;
        try (Receivers receivers = new Receivers(options.clients(), runId)) {
            receivers.connect(options.spdyPort(), options.tokenSecret(), deliveries);
            do {
                int checkAt = Math.min(options.kills(), kills + options.checkEvery());
                // Message ids unique across the checks of this run: "<run>-<kills so far>-<n>".
                try (StoredSender sender = new StoredSender(server::get, receivers.clientIds(), options.rate(),
                        runId + "-" + kills, deliveries)) {
                    sender.start();
                    while (kills < checkAt) {
                        Thread.sleep(randomUptime(options).toMillis());
                        long pid = server.get().pid();
                        server.get().kill();
                        kills++;
                        System.out.printf("kill %d/%d: SIGKILL to pid %d after %d messages accepted%n", kills,
                                options.kills(), pid, deliveries.accepted());
                        server.set(start(repo, options, adminPassword, outDir));
                    }
                }
                System.out.printf("sender paused: %d accepted, not accepted %s; draining%n",
                        deliveries.accepted(), deliveries.notAcceptedByReason());
                awaitDrained(deliveries, options.drain());
                checked = new KillLoopResult(kills, deliveries.accepted(), deliveries.delivered(),
                        deliveries.lost(), deliveries.duplicates(), deliveries.receivedUnconfirmed(),
                        deliveries.notAcceptedByReason(), Duration.between(started, Instant.now()));
                ledger.record(runId, started, checked);
                List<Properties> runs = ledger.runs();
                writeFragment(KillLoopLedger.total(runs), runs.size(), KillLoopLedger.firstStarted(runs), options,
                        fragment);
                System.out.println("checked: " + checked.summary() + "; written to " + fragment);
            } while (kills < options.kills() && checked.lost().isEmpty());
        } finally {
            server.get().close();
        }
        return checked;
    }

    /** Where the ledger of the runs that {@code fragment} adds up is kept: next to it. */
    private static Path ledgerDirectory(Path fragment) {
        String name = fragment.getFileName().toString();
        return fragment.resolveSibling(name.substring(0, name.lastIndexOf('.')) + "-runs");
    }

    private static void writeFragment(KillLoopResult total, int runs, Instant firstStarted, KillLoopOptions options,
                                      Path fragment)
            throws IOException {
        new ReliabilityFragment("Server killed (SIGKILL) under at-least-once traffic", String.format(
                "Payara Micro with push-rar.rar and push.war, a data directory and an H2 file database (as `./run`);"
                        + " a sender posts stored messages at %d/s to %d SDK clients (reconnecting, auto-ack); the"
                        + " server is killed at a random moment %d-%d ms after each start and started again on the"
                        + " same ports and data. Every %d kills, and after the last, the sender pauses, the clients"
                        + " drain (at most %d s) and the books are checked; the figures are those of the last check%s."
                        + " Sends get 404 while push.war deploys.", options.rate(), options.clients(),
                options.minUptime().toMillis(), options.maxUptime().toMillis(), options.checkEvery(),
                options.drain().toSeconds(), runs == 1 ? "" : String.format(", added up over %d runs of the loop"
                        + " (each on a fresh server and database, the later ones with `--continue`)", runs)))
                .row("kills survived", total.kills())
                .deliveries(total.accepted(), total.delivered(), total.lost(), total.duplicates(),
                        total.receivedUnconfirmed(), total.notAccepted())
                .write(fragment, firstStarted, total.duration(), String.format(
                        "java -cp push-bench/target/push-bench.jar io.spdypush.bench.fault.KillLoop --kills %d"
                                + " --clients %d --rate %d --min-uptime %d --max-uptime %d --check-every %d",
                        options.kills(), options.clients(), options.rate(), options.minUptime().toMillis(),
                        options.maxUptime().toMillis(), options.checkEvery()));
    }

    private static MicroServer start(Path repo, KillLoopOptions options, String adminPassword, Path outDir)
            throws IOException, InterruptedException {
        long before = System.nanoTime();
        MicroServer server = MicroServer.startStored(repo, options.httpPort(), options.spdyPort(),
                options.tokenSecret(), adminPassword, outDir);
        System.out.printf("Payara Micro pid %d ready after %.1f s (log %s)%n", server.pid(),
                (System.nanoTime() - before) / 1e9, outDir.resolve("micro.log"));
        return server;
    }

    private static Duration randomUptime(KillLoopOptions options) {
        long min = options.minUptime().toMillis();
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(min, options.maxUptime().toMillis() + 1));
    }

    /** Waits until every accepted message has arrived, or the drain time is over. */
    private static void awaitDrained(Deliveries deliveries, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (deliveries.delivered() < deliveries.accepted() && System.nanoTime() < deadline) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
        // A little longer, so that duplicates still on their way are counted too.
        Thread.sleep(TimeUnit.SECONDS.toMillis(2));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
