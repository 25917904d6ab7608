package io.spdypush.bench.fault;

import io.spdypush.bench.Bench;
import io.spdypush.bench.MicroServer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database goes away while at-least-once messages are sent: Payara Micro stores them in PostgreSQL reached
 * through a {@link DatabaseLink}, which is cut for a while and restored. Every send must either be refused to the
 * sender or delivered; an accepted message that never arrives is lost.
 *
 * <pre>java -cp push-bench/target/push-bench.jar io.spdypush.bench.fault.DatabaseOutage \
 *     --jdbc-driver ~/.m2/repository/org/postgresql/postgresql/42.7.13/postgresql-42.7.13.jar</pre>
 * (PostgreSQL on 127.0.0.1:5432 with database, role and password {@code spdypush}: {@code .ci/start-postgres}).
 */
public final class DatabaseOutage {

    private static final String SECRET = "database-outage-token-secret-of-32-bytes";
    private static final int CLIENTS = 2;
    private static final int RATE = 50;

    private DatabaseOutage() {
    }

    public static void main(String[] args) throws Exception {
        Path driver = null;
        int httpPort = 28490;
        int spdyPort = 27580;
        Duration before = Duration.ofSeconds(10);
        Duration outage = Duration.ofSeconds(15);
        Duration after = Duration.ofSeconds(15);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jdbc-driver" -> driver = Path.of(args[i + 1]);
                case "--http-port" -> httpPort = Integer.parseInt(args[i + 1]);
                case "--spdy-port" -> spdyPort = Integer.parseInt(args[i + 1]);
                case "--outage" -> outage = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (driver == null) {
            throw new IllegalArgumentException("--jdbc-driver PATH to the PostgreSQL JDBC driver jar is required");
        }
        Result result = run(driver, httpPort, spdyPort, before, outage, after);
        System.exit(result.deliveries().lost().isEmpty() ? 0 : 1);
    }

    /**
     * What a run found: the books, and what the server logged while the database was away, its lines at
     * WARNING or SEVERE (each with its stack trace, if any) and their bytes.
     */
    record Result(Deliveries deliveries, long warningsDuringOutage, long logBytesDuringOutage, Readiness readiness) {
    }

    /**
     * What {@code /health/ready} answered (its status and body) at the end of the outage and once the database was
     * back.
     */
    record Readiness(int duringOutage, String duringOutageBody, int after, String afterBody) {
    }

    static Result run(Path driver, int httpPort, int spdyPort, Duration before, Duration outage, Duration after)
            throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Path repo = Bench.repository();
        Path outDir = repo.resolve("push-bench/target/fault-database");
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve("micro.log"));
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Deliveries deliveries = new Deliveries();
        Instant started = Instant.now();
        ServerLogWindow outageLog;
        Readiness readiness;
        try (DatabaseLink link = new DatabaseLink("127.0.0.1", 5432)) {
            Path postBoot = outDir.resolve("post-boot-commands.txt");
            Files.writeString(postBoot, "create-jdbc-connection-pool --datasourceclassname"
                    + " org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource"
                    // As README.md advises: a connection the outage broke is found before it is used.
                    + " --isconnectvalidatereq=true --validationmethod=custom-validation --validationclassname"
                    + "=org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true --property"
                    + " serverName=127.0.0.1:portNumber=" + link.port()
                    + ":databaseName=spdypush:user=spdypush:password=spdypush spdypush-fault\n"
                    + "create-jdbc-resource --connectionpoolid spdypush-fault jdbc/spdypush-fault\n");
            try (MicroServer server = MicroServer.startStored(repo, httpPort, spdyPort, SECRET,
                    UUID.randomUUID().toString(), outDir, postBoot, "jdbc/spdypush-fault", List.of(driver));
                 Receivers receivers = new Receivers(CLIENTS, runId)) {
                receivers.connect(spdyPort, SECRET, deliveries);
                try (StoredSender sender = new StoredSender(() -> server, receivers.clientIds(), RATE, runId,
                        deliveries)) {
                    sender.start();
                    Thread.sleep(before.toMillis());
                    System.out.printf("cutting the database link: %d accepted so far, not accepted %s%n",
                            deliveries.accepted(), deliveries.notAcceptedByReason());
                    long logAtCut = Files.size(server.log());
                    link.cut();
                    Thread.sleep(outage.toMillis());
                    System.out.printf("restoring the database link: %d accepted so far, not accepted %s%n",
                            deliveries.accepted(), deliveries.notAcceptedByReason());
                    HttpResponse<String> readyDuring = ready(server);
                    link.restore();
                    outageLog = ServerLogWindow.read(server.log(), logAtCut);
                    Thread.sleep(after.toMillis());
                    HttpResponse<String> readyAfter = ready(server);
                    readiness = new Readiness(readyDuring.statusCode(), readyDuring.body(), readyAfter.statusCode(),
                            readyAfter.body());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (deliveries.delivered() < deliveries.accepted() && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(2000);
            }
        }
        Path fragment = repo.resolve("push-bench/target/reliability/30-database-outage.md");
        new ReliabilityFragment("Database away during at-least-once sends", String.format("Payara Micro with"
                + " push-rar.rar and push.war stores the messages in PostgreSQL, reached through a TCP proxy; a sender"
                + " posts stored messages at %d/s to %d SDK clients; after %d s the proxy resets every connection"
                + " and refuses new ones for %d s, then lets them through again for %d s; the clients drain.",
                RATE, CLIENTS, before.toSeconds(), outage.toSeconds(), after.toSeconds()))
                .deliveries(deliveries.accepted(), deliveries.delivered(), deliveries.lost(), deliveries.duplicates(),
                        deliveries.receivedUnconfirmed(), deliveries.notAcceptedByReason())
                .row("server log during the outage", String.format("%d entries at WARNING or SEVERE, %.1f KiB",
                        outageLog.warnings(), outageLog.bytes() / 1024.0))
                .row("`/health/ready`", String.format("%d at the end of the outage, %d once the database was back",
                        readiness.duringOutage(), readiness.after()))
                .write(fragment, started, Duration.between(started, Instant.now()), "java -cp"
                        + " push-bench/target/push-bench.jar io.spdypush.bench.fault.DatabaseOutage --jdbc-driver"
                        + " postgresql.jar --outage " + outage.toSeconds());
        System.out.printf("database outage: %d accepted, %d delivered, %d lost %s, %d duplicates, %d received"
                        + " without an answer; not accepted %s%n", deliveries.accepted(), deliveries.delivered(),
                deliveries.lost().size(), deliveries.lost().stream().limit(10).toList(), deliveries.duplicates(),
                deliveries.receivedUnconfirmed(), deliveries.notAcceptedByReason());
        System.out.printf("server log during the outage: %d entries at WARNING or SEVERE, %d bytes%n",
                outageLog.warnings(), outageLog.bytes());
        return new Result(deliveries, outageLog.warnings(), outageLog.bytes(), readiness);
    }

    private static HttpResponse<String> ready(MicroServer server) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                server.request("/health/ready").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
