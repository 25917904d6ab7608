package io.spdypush.it.cluster;

import io.spdypush.client.PushClient;
import io.spdypush.it.Layout;
import io.spdypush.protocol.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Payara Server domain of its own ({@code push-dg}, ports from {@value #DOMAIN_PORT_BASE}) in the build's Payara
 * Server, whose deployment group of {@link #INSTANCES} instances runs the EAR, as README "A cluster" tells users:
 * the DAS and the instances on one data grid on loopback, the instances storing messages in the build's
 * PostgreSQL. The DAS has the ports from 20000 (its grid port 24900), instance i (from 1) those from
 * 20000 + 1000 i (HTTP 20080 + 1000 i), SPDY port {@code it.cluster.spdyPort} + 10 + i and a grid port from 5900;
 * what asadmin printed goes to {@code target/deployment-group/asadmin.log}. All are below Linux's ephemeral ports
 * (32768-60999): in that range a client connection of an earlier test once held a port the DAS needed, and its
 * restart failed with "Address already in use".
 */
final class DeploymentGroup implements AutoCloseable {

    static final int INSTANCES = 2;
    private static final int DOMAIN_PORT_BASE = 20000;
    private static final String DOMAIN = "push-dg";
    private static final String GROUP = "push";

    private final Path payara = Path.of(System.getProperty("payara.home"));
    private final Path directory = Path.of(System.getProperty("it.deploymentGroup.directory"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static DeploymentGroup start() throws IOException, InterruptedException {
        DeploymentGroup group = new DeploymentGroup();
        try {
            group.create();
            return group;
        } catch (IOException | InterruptedException | RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private void create() throws IOException, InterruptedException {
        // What a run before left, so that the domain and its instances are made afresh.
        deleteTree(payara.resolve("glassfish/domains/" + DOMAIN));
        deleteTree(payara.resolve("glassfish/nodes/localhost-" + DOMAIN));
        deleteTree(directory);
        Files.createDirectories(directory);
        asadmin(false, "create-domain", "--nopassword=true", "--portbase", Integer.toString(DOMAIN_PORT_BASE),
                "--checkports=true", DOMAIN);
        Files.copy(Path.of(System.getProperty("deployments.dir"), "postgresql.jar"),
                payara.resolve("glassfish/domains/" + DOMAIN + "/lib/postgresql.jar"));
        asadmin(false, "start-domain", DOMAIN);
        asadmin("set-hazelcast-configuration", "--clustername", "spdypush-dg-" + UUID.randomUUID(),
                "--interfaces", "127.0.0.1", "--dasbindaddress", "127.0.0.1", "--daspublicaddress", "127.0.0.1",
                "--dasport", Integer.toString(DOMAIN_PORT_BASE + 4900), "--startport",
                Integer.toString(DOMAIN_PORT_BASE + 5900), "--dynamic=false");
        asadmin(false, "restart-domain", DOMAIN);
        asadmin("create-deployment-group", GROUP);
        for (int i = 1; i <= INSTANCES; i++) {
            String instance = instance(i);
            asadmin("create-instance", "--node", "localhost-" + DOMAIN, "--portbase", Integer.toString(portBase(i)),
                    instance);
            asadmin("add-instance-to-deployment-group", "--instance", instance, "--deploymentgroup", GROUP);
            asadmin("create-system-properties", "--target", instance, String.join(":",
                    "spdypush.cluster=true", "spdypush.spdyPort=" + spdyPort(i), "spdypush.bindAddress=127.0.0.1",
                    "spdypush.dataDirectory=" + directory.resolve("data-" + i),
                    "spdypush.tokenSecret=" + System.getProperty("it.tokenSecret"),
                    "spdypush.admin.passwordHash=" + System.getProperty("it.adminPasswordHash"),
                    "spdypush.dataSource=jdbc/spdypush-cluster"));
        }
        asadmin("create-jdbc-connection-pool", "--datasourceclassname", "org.postgresql.ds.PGSimpleDataSource",
                "--restype", "javax.sql.DataSource", "--property", "serverName=" + System.getProperty(
                        "it.postgres.host") + ":portNumber=5432:databaseName=spdypush:user=spdypush:password=spdypush",
                "spdypush-cluster");
        asadmin("create-jdbc-resource", "--connectionpoolid", "spdypush-cluster", "--target", GROUP,
                "jdbc/spdypush-cluster");
        asadmin("start-deployment-group", GROUP);
        asadmin("deploy", "--target", GROUP, Path.of(System.getProperty("deployments.dir"), "spdypush.ear")
                .toString());
    }

    /** The grid's members, as the DAS lists them. */
    String gridMembers() throws IOException, InterruptedException {
        return asadmin("list-hazelcast-members");
    }

    int spdyPort(int instance) {
        return Integer.getInteger("it.cluster.spdyPort") + 10 + instance;
    }

    /** A client of the instance, with a token from the group's one secret. */
    PushClient.Builder client(int instance, String clientId) {
        return PushClient.builder().server("127.0.0.1", spdyPort(instance)).clientId(clientId)
                .token(Tokens.mint(System.getProperty("it.tokenSecret"), clientId,
                        Instant.now().plusSeconds(600).getEpochSecond()));
    }

    HttpResponse<String> get(int instance, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(instance, path)).header("Authorization", Layout.admin())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(int instance, String path, String text) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(instance, path)).header("Authorization", Layout.admin())
                .header("Content-Type", "text/plain").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        for (List<String> stop : List.of(List.of("stop-deployment-group", GROUP), List.of("stop-domain", DOMAIN))) {
            try {
                asadmin(!stop.get(0).equals("stop-domain"), stop.toArray(String[]::new));
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not " + stop + ": " + e.getMessage());
            }
        }
    }

    private URI uri(int instance, String path) {
        return URI.create("http://127.0.0.1:" + (portBase(instance) + 80) + "/push" + path);
    }

    private static String instance(int i) {
        return "push-" + i;
    }

    private static int portBase(int instance) {
        return DOMAIN_PORT_BASE + 1000 * instance;
    }

    private String asadmin(String... command) throws IOException, InterruptedException {
        return asadmin(true, command);
    }

    /**
     * Runs asadmin, against the domain's admin port when {@code remote}; fails with its output unless it
     * succeeds.
     */
    private String asadmin(boolean remote, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(payara.resolve("bin/asadmin").toString(), "--interactive=false"));
        if (remote) {
            line.addAll(List.of("--port", Integer.toString(DOMAIN_PORT_BASE + 48)));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile(directory, "asadmin", ".log");
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        Files.delete(output);
        Files.writeString(directory.resolve("asadmin.log"), String.join(" ", line) + "\n" + printed + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (process.isAlive() || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + printed);
        }
        return printed;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
