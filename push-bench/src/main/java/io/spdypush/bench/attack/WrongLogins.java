package io.spdypush.bench.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Wrong logins on the REST API, 25 a second with made-up user names, all from one address: 127.0.0.2, not
 * the bench's 127.0.0.1, whose admin must not be locked out. Plain HTTP/1.1 on a socket bound to that
 * address, one connection a login, so that a slow answer does not slow the attacker.
 */
final class WrongLogins implements Attack {

    static final String ADDRESS = "127.0.0.2";
    private static final int PER_SECOND = 25;
    private static final int MAX_FAILURES_PER_ADDRESS = 20;

    @Override
    public String name() {
        return "wrong logins from one address";
    }

    @Override
    public String does() {
        return "GET /push/api/status with HTTP Basic of made-up user names and passwords, " + PER_SECOND
                + " a second from " + ADDRESS + ", each on a connection of its own";
    }

    @Override
    public String documented() {
        return "401 until the address has 20 wrong logins within a minute, then 429 with Retry-After for every"
                + " name (429 locked); 429 with Retry-After: 1 at once while as many password checks as may run are"
                + " running (429 busy)";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of();
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        Map<String, Long> statuses = new ConcurrentSkipListMap<>();
        List<Double> answeredAfter = new CopyOnWriteArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(2 * PER_SECOND);
        long period = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;
        long next = System.nanoTime();
        int sent = 0;
        while (next < deadlineNanos) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            sent++;
            senders.execute(() -> {
                long start = System.nanoTime();
                String status = login(target);
                statuses.merge(status, 1L, Long::sum);
                answeredAfter.add((System.nanoTime() - start) / 1e9);
            });
            next += period;
        }
        senders.shutdown();
        senders.awaitTermination(target.refusalWait().toSeconds() + 30, TimeUnit.SECONDS);
        long unauthorized = statuses.getOrDefault("401", 0L);
        long locked = statuses.getOrDefault("429 locked", 0L);
        long tooMany = statuses.getOrDefault("429 busy", 0L) + locked;
        return new Outcome(String.format(Locale.ROOT, "%d wrong logins in %.0f s: %s; answered after %s", sent,
                        sent / (double) PER_SECOND, statuses, Outcome.spread(new ArrayList<>(answeredAfter))),
                statuses.getOrDefault("200", 0L) == 0 && unauthorized <= MAX_FAILURES_PER_ADDRESS && tooMany > 0
                        && unauthorized + tooMany == sent);
    }

    /**
     * One wrong login; the HTTP status, a 429 told apart by its Retry-After (1: the checks are busy; more: the
     * address is locked), or what went wrong.
     */
    private static String login(Target target) {
        String credentials = Base64.getEncoder().encodeToString((UUID.randomUUID() + ":" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            socket.connect(new InetSocketAddress(target.host(), target.httpPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /push/api/status HTTP/1.1\r\nHost: " + target.host() + ":" + target.httpPort()
                    + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String[] statusLine = String.valueOf(in.readLine()).split(" ");
            String status = statusLine.length > 1 ? statusLine[1] : "no status";
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (status.equals("429") && header.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                    return header.substring("retry-after:".length()).trim().equals("1") ? "429 busy" : "429 locked";
                }
            }
            return status;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        // Each login's connection is closed when it is answered.
    }
}
