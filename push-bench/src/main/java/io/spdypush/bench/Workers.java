package io.spdypush.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * The worker processes of one transport, each on its own loopback source address 127.0.0.(2+i), driven
 * line by line (see {@link Worker}). Commands go to all workers at once; their answers are collected. A worker
 * reconnects each storm from an address of its own that none of its connections used yet, 127.0.0.(2+count+i) for
 * the first, 127.0.0.(2+2count+i) for the second, as clients whose network changed do: from its first address, the
 * kernel gave reconnects the ports of connections the server had not closed yet, and those SYNs met a challenge ACK
 * and waited for their retransmission, 1, 3, 7, 15 or 31 s later (TCPSYNChallenge); and a second storm from the
 * address the first had used took twice as long as the first (8.8 against 20.1 s), its connects picking their ports
 * among the first's 18 000 connections in TIME_WAIT.
 */
final class Workers implements AutoCloseable {

    /** Sessions one worker takes at most: below the 20 000 open files of a process, with room for its jars. */
    static final int MAX_SESSIONS_PER_WORKER = 19_000;

    private record Handle(Process process, PrintStream in, BufferedReader out) {
    }

    private final List<Handle> handles = new ArrayList<>();

    Workers(int count, String transport, String host, int httpPort, int spdyPort, String secret, Path logDir)
            throws IOException {
        this(count, transport, host, httpPort, worker -> spdyPort, secret, logDir);
    }

    /** Workers each of which connects to a SPDY port of its own: worker i to {@code spdyPortOf(i)}. */
    Workers(int count, String transport, String host, int httpPort, IntUnaryOperator spdyPortOf, String secret,
            Path logDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        for (int i = 0; i < count; i++) {
            String source = "127.0.0." + (2 + i);
            String stormSources = "127.0.0." + (2 + count + i) + ",127.0.0." + (2 + 2 * count + i);
            Process process = new ProcessBuilder(java, "-Xmx768m", "-XX:+UseSerialGC",
                    "-Dio.netty.leakDetection.level=disabled", "-cp", classpath, Worker.class.getName(),
                    transport, host, Integer.toString(httpPort), Integer.toString(spdyPortOf.applyAsInt(i)), secret,
                    source, stormSources)
                    .redirectError(logDir.resolve("worker-" + transport + "-" + i + ".log").toFile())
                    .start();
            handles.add(new Handle(process, new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))));
        }
    }

    int size() {
        return handles.size();
    }

    /** Sends each worker its own command (by index) at once and returns their answers, split in words. */
    List<String[]> each(java.util.function.IntFunction<String> command) {
        List<CompletableFuture<String[]>> answers = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            Handle handle = handles.get(i);
            handle.in().println(command.apply(i));
            answers.add(CompletableFuture.supplyAsync(() -> read(handle)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    List<String[]> all(String command) {
        return each(i -> command);
    }

    /** Sends one worker a command and returns its answer, split in words. */
    String[] one(int worker, String command) {
        Handle handle = handles.get(worker);
        handle.in().println(command);
        return read(handle);
    }

    /** The stats of one worker's sessions. */
    Fleet.Stats stats(int worker) {
        return Fleet.Stats.parse(one(worker, "stats"), 1);
    }

    Fleet.Stats stats() {
        Fleet.Stats sum = null;
        for (String[] words : all("stats")) {
            Fleet.Stats one = Fleet.Stats.parse(words, 1);
            sum = sum == null ? one : sum.plus(one);
        }
        return sum;
    }

    private static String[] read(Handle handle) {
        try {
            String line = handle.out().readLine();
            if (line == null) {
                throw new IllegalStateException("a worker process ended; see its log under target/bench");
            }
            return line.split(" ", 7);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Handle handle : handles) {
            handle.in().println("close");
        }
        for (Handle handle : handles) {
            try {
                if (!handle.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    handle.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                handle.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

}
