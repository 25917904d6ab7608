package io.spdypush.bench.fault;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one kill loop does. Every option is {@code --name value}; the defaults are a short run.
 *
 * @param kills       how many times the server is killed (SIGKILL) and started again
 * @param clients     SDK clients receiving, each with its own client id
 * @param rate        messages per second the sender offers, over all clients
 * @param minUptime   the shortest time the server runs under traffic before it is killed
 * @param maxUptime   the longest; each kill comes at a random moment between the two
 * @param drain       how long the clients may take, at each check, to receive what is still due
 * @param checkEvery  kills between two checks of the books
 * @param continueEarlierRuns add this run's kills to the runs checked before ({@code --continue}, no value)
 * @param outDir      the server's working directory: its log, and the data directory with the H2 database
 * @param fragment    where the result is written, a markdown fragment of RELIABILITY.md
 */
public record KillLoopOptions(int kills, int clients, int rate, Duration minUptime, Duration maxUptime,
                              Duration drain, int httpPort, int spdyPort, String tokenSecret, Path outDir,
                              Path fragment, int checkEvery, boolean continueEarlierRuns) {

    public static KillLoopOptions parse(String... args) {
        int kills = 5;
        int clients = 4;
        int rate = 100;
        Duration minUptime = Duration.ofSeconds(2);
        Duration maxUptime = Duration.ofSeconds(10);
        Duration drain = Duration.ofSeconds(120);
        int httpPort = 28480;
        int spdyPort = 27570;
        // Fixed, so that the clients' tokens stay valid across restarts.
        String tokenSecret = "kill-loop-token-secret-of-at-least-32-bytes";
        Path outDir = Path.of("push-bench/target/fault-kill");
        Path fragment = Path.of("push-bench/target/reliability/20-kills.md");
        int checkEvery = 50;
        boolean continueEarlierRuns = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--continue")) {
                continueEarlierRuns = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--kills" -> kills = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--min-uptime" -> minUptime = Duration.ofMillis(Long.parseLong(value));
                case "--max-uptime" -> maxUptime = Duration.ofMillis(Long.parseLong(value));
                case "--drain" -> drain = Duration.ofSeconds(Long.parseLong(value));
                case "--http-port" -> httpPort = Integer.parseInt(value);
                case "--spdy-port" -> spdyPort = Integer.parseInt(value);
                case "--token-secret" -> tokenSecret = value;
                case "--out" -> outDir = Path.of(value);
                case "--fragment" -> fragment = Path.of(value);
                case "--check-every" -> checkEvery = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; the options are --kills,"
                        + " --clients, --rate, --min-uptime (ms), --max-uptime (ms), --drain (s), --http-port,"
                        + " --spdy-port, --token-secret, --out, --fragment, --check-every, --continue");
            }
        }
        if (kills < 1 || clients < 1 || rate < 1 || checkEvery < 1) {
            throw new IllegalArgumentException("--kills, --clients, --rate and --check-every must be at least 1");
        }
        if (maxUptime.compareTo(minUptime) < 0) {
            throw new IllegalArgumentException("--max-uptime " + maxUptime.toMillis() + " is below --min-uptime "
                    + minUptime.toMillis());
        }
        if (tokenSecret.length() < 32) {
            throw new IllegalArgumentException("--token-secret must have at least 32 characters, as the server's"
                    + " tokenSecret");
        }
        return new KillLoopOptions(kills, clients, rate, minUptime, maxUptime, drain, httpPort, spdyPort,
                tokenSecret, outDir, fragment, checkEvery, continueEarlierRuns);
    }
}
