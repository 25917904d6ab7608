package io.spdypush.bench.fault;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The books of a long kill loop, kept on disk at each check: one file per run of the loop, so that a run that
 * is stopped keeps what it checked, and a later run ({@code --continue}) adds its own kills to the same total.
 * Each run starts on a fresh server and database, and all that was accepted in it had arrived at its last check.
 */
final class KillLoopLedger {

    private static final String NOT_ACCEPTED = "notAccepted.";

    private final Path dir;

    KillLoopLedger(Path dir) {
        this.dir = dir;
    }

    /** Forgets every run: the next total is this run's alone. */
    void clear() throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> runs = Files.list(dir)) {
                for (Path run : runs.toList()) {
                    Files.delete(run);
                }
            }
        }
    }

    /** Books what the run {@code runId} has checked so far, replacing its earlier check. */
    void record(String runId, Instant started, KillLoopResult checked) throws IOException {
        Properties run = new Properties();
        run.setProperty("started", started.toString());
        run.setProperty("kills", Integer.toString(checked.kills()));
        run.setProperty("accepted", Long.toString(checked.accepted()));
        run.setProperty("delivered", Long.toString(checked.delivered()));
        run.setProperty("lost", String.join(" ", checked.lost()));
        run.setProperty("duplicates", Long.toString(checked.duplicates()));
        run.setProperty("receivedUnconfirmed", Long.toString(checked.receivedUnconfirmed()));
        run.setProperty("durationSeconds", Long.toString(checked.duration().toSeconds()));
        checked.notAccepted().forEach((reason, count) -> run.setProperty(NOT_ACCEPTED + reason, count.toString()));
        Files.createDirectories(dir);
        Path file = dir.resolve(runId + ".properties");
        Path partial = dir.resolve(runId + ".properties.partial");
        try (Writer out = Files.newBufferedWriter(partial)) {
            run.store(out, "kill loop run " + runId);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The runs booked, oldest first. */
    List<Properties> runs() throws IOException {
        List<Properties> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties run = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    run.load(in);
                }
                runs.add(run);
            }
        }
        runs.sort(Comparator.comparing(run -> Instant.parse(run.getProperty("started"))));
        return runs;
    }

    /** When the oldest of the runs started. */
    static Instant firstStarted(List<Properties> runs) {
        return Instant.parse(runs.get(0).getProperty("started"));
    }

    /** Every run's last check added up. */
    static KillLoopResult total(List<Properties> runs) {
        int kills = 0;
        long accepted = 0;
        long delivered = 0;
        List<String> lost = new ArrayList<>();
        long duplicates = 0;
        long receivedUnconfirmed = 0;
        Map<String, Long> notAccepted = new TreeMap<>();
        Duration duration = Duration.ZERO;
        for (Properties run : runs) {
            kills += Integer.parseInt(run.getProperty("kills"));
            accepted += Long.parseLong(run.getProperty("accepted"));
            delivered += Long.parseLong(run.getProperty("delivered"));
            String lostIds = run.getProperty("lost");
            if (!lostIds.isEmpty()) {
                lost.addAll(Arrays.asList(lostIds.split(" ")));
            }
            duplicates += Long.parseLong(run.getProperty("duplicates"));
            receivedUnconfirmed += Long.parseLong(run.getProperty("receivedUnconfirmed"));
            duration = duration.plusSeconds(Long.parseLong(run.getProperty("durationSeconds")));
            for (String name : run.stringPropertyNames()) {
                if (name.startsWith(NOT_ACCEPTED)) {
                    notAccepted.merge(name.substring(NOT_ACCEPTED.length()), Long.parseLong(run.getProperty(name)),
                            Long::sum);
                }
            }
        }
        return new KillLoopResult(kills, accepted, delivered, lost, duplicates, receivedUnconfirmed, notAccepted,
                duration);
    }
}
