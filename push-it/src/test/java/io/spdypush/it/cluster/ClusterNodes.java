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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro nodes of one push cluster on loopback, as ./run-cluster starts them, with a quorum of two nodes:
 * push-rar.rar and push.war each,
 * on one data grid (Hazelcast, tcp-ip on 127.0.0.1), storing messages in the one PostgreSQL the build names
 * ({@code it.postgres.host}). Node i (from 0) listens on SPDY {@code it.cluster.spdyPort} + i and HTTP
 * {@code it.cluster.httpPort} + i; its output goes to {@code target/cluster-it/node-i.log}. One more Payara Micro
 * joins their data grid without the push application, as the DAS of Payara Server is a member of the grid of the
 * deployment group it deploys to: it must never be called nor counted as a node ({@code target/cluster-it/
 * bare-member.log}).
 */
final class ClusterNodes implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(240);
    /** How long the directory keeps the home of an idle client: short, for ClusterIT to see it forgotten. */
    static final int IDLE_HOME_SECONDS = 2;

    private final Path directory = Path.of(System.getProperty("it.cluster.directory"));
    private final String clusterName = "spdypush-it-" + UUID.randomUUID();
    private final List<Process> nodes = new ArrayList<>();
    private Process bareMember;
    private Path postBoot;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Starts {@code count} nodes and waits until each is ready and the grid holds all of them. */
    static ClusterNodes start(int count) throws IOException, InterruptedException {
        ClusterNodes cluster = new ClusterNodes();
        try {
            Files.createDirectories(cluster.directory);
            cluster.postBoot = cluster.postBootCommands();
            for (int i = 0; i < count; i++) {
                cluster.nodes.add(cluster.launch(i));
            }
            cluster.bareMember = cluster.launchBareMember(count);
            for (int i = 0; i < count; i++) {
                cluster.awaitReady(i);
            }
            cluster.awaitGridOf(count);
            cluster.awaitBareMemberInGridOf(count + 1);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    int spdyPort(int node) {
        return Integer.getInteger("it.cluster.spdyPort") + node;
    }

    URI uri(int node, String path) {
        return URI.create("http://127.0.0.1:" + (Integer.getInteger("it.cluster.httpPort") + node) + "/push" + path);
    }

    /** A client of node {@code node} with a token from the cluster's one secret. */
    PushClient.Builder client(int node, String clientId) {
        return PushClient.builder().server("127.0.0.1", spdyPort(node)).clientId(clientId)
                .token(Tokens.mint(System.getProperty("it.tokenSecret"), clientId,
                        Instant.now().plusSeconds(600).getEpochSecond()));
    }

    /** POSTs a text payload as the admin to {@code path} of node {@code node}. */
    HttpResponse<String> post(int node, String path, String text) throws IOException, InterruptedException {
        return post(node, path, "text/plain", text);
    }

    HttpResponse<String> post(int node, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).header("Authorization", Layout.admin())
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} of node {@code node} as the admin. */
    HttpResponse<String> get(int node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).header("Authorization", Layout.admin())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} of node {@code node}'s server root, without credentials ({@code /health/ready}). */
    HttpResponse<String> getAnonymous(int node, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + (Integer.getInteger("it.cluster.httpPort") + node) + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    boolean isAlive(int node) {
        return nodes.get(node).isAlive();
    }

    /** DELETEs {@code path} of node {@code node} as the admin. */
    HttpResponse<String> delete(int node, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(node, path)).header("Authorization", Layout.admin())
                .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, as a crash: the node gets no chance to hand anything over. */
    void kill(int node) throws InterruptedException {
        Process process = nodes.get(node);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops the node as an operator would (SIGTERM: it saves its outboxes to its outbox file) and starts it again
     * on the same data directory, waiting until the grid holds all nodes again. Its log so far is kept as
     * {@code node-i-before-restart.log}.
     */
    void restart(int node) throws IOException, InterruptedException {
        Process process = nodes.get(node);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + node + " did not stop within 60 s; see " + log(node));
        }
        Files.move(log(node), directory.resolve("node-" + node + "-before-restart.log"),
                StandardCopyOption.REPLACE_EXISTING);
        nodes.set(node, launch(node));
        awaitReady(node);
        awaitGridOf(nodes.size());
    }

    Path log(int node) {
        return directory.resolve("node-" + node + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>(nodes);
        if (bareMember != null) {
            all.add(bareMember);
        }
        for (Process node : all) {
            node.destroy();
        }
        for (Process node : all) {
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private Process launch(int node) throws IOException {
        Path deployments = Path.of(System.getProperty("deployments.dir"));
        Path nodeDirectory = directory.resolve("node-" + node);
        Files.createDirectories(nodeDirectory.resolve("tmp"));
        int firstGridPort = Integer.getInteger("it.cluster.gridPort");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dio.netty.leakDetection.level=paranoid",
                "-Djava.io.tmpdir=" + nodeDirectory.resolve("tmp"),
                "-Dspdypush.cluster=true",
                // A majority of three: a node left alone serves nobody (ClusterIT's last test).
                "-Dspdypush.clusterQuorum=2",
                "-Dspdypush.clusterIdleHomeSeconds=" + IDLE_HOME_SECONDS,
                "-Dspdypush.spdyPort=" + spdyPort(node),
                "-Dspdypush.bindAddress=127.0.0.1",
                "-Dspdypush.dataDirectory=" + nodeDirectory.resolve("data"),
                "-Dspdypush.dataSource=jdbc/spdypush-cluster",
                "-Dspdypush.admin.passwordHash=" + System.getProperty("it.adminPasswordHash"),
                "-jar", deployments.resolve("payara-micro.jar").toString(),
                "--clustermode", "tcpip:127.0.0.1:" + firstGridPort, "--interfaces", "127.0.0.1",
                "--startport", Integer.toString(firstGridPort + node), "--clustername", clusterName,
                "--port", Integer.toString(Integer.getInteger("it.cluster.httpPort") + node),
                "--sslport", Integer.toString(Integer.getInteger("it.cluster.sslPort") + node),
                "--addlibs", deployments.resolve("postgresql.jar").toString(),
                "--postbootcommandfile", postBoot.toString(),
                "--deploy", deployments.resolve("push-rar.rar").toString(),
                "--deploy", deployments.resolve("push.war").toString());
        // The secret from a file the environment names, as run-cluster gives it: not in the process listing.
        Path tokenSecret = Files.writeString(directory.resolve("token-secret"), System.getProperty("it.tokenSecret"));
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log(node).toFile()));
        process.environment().put("SPDYPUSH_TOKENSECRETFILE", tokenSecret.toString());
        return process.start();
    }

    /** A member of the grid that runs no application, with the ports of node {@code index}. */
    private Process launchBareMember(int index) throws IOException {
        Path memberDirectory = directory.resolve("bare-member");
        Files.createDirectories(memberDirectory.resolve("tmp"));
        int firstGridPort = Integer.getInteger("it.cluster.gridPort");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + memberDirectory.resolve("tmp"),
                "-jar", Path.of(System.getProperty("deployments.dir")).resolve("payara-micro.jar").toString(),
                "--clustermode", "tcpip:127.0.0.1:" + firstGridPort, "--interfaces", "127.0.0.1",
                "--startport", Integer.toString(firstGridPort + index), "--clustername", clusterName,
                "--port", Integer.toString(Integer.getInteger("it.cluster.httpPort") + index),
                "--sslport", Integer.toString(Integer.getInteger("it.cluster.sslPort") + index));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(bareMemberLog().toFile())).start();
    }

    private Path bareMemberLog() {
        return directory.resolve("bare-member.log");
    }

    /** Waits until the bare member's grid holds {@code members} members, itself included. */
    private void awaitBareMemberInGridOf(int members) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        // Payara Micro logs its "Data Grid Status" as members come and go.
        while (!Files.readString(bareMemberLog()).contains("DG Size: " + members + "\n")) {
            if (!bareMember.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare member did not join the grid of " + members + " members;"
                        + " see " + bareMemberLog());
            }
            Thread.sleep(500);
        }
    }

    private Path postBootCommands() throws IOException {
        Path file = directory.resolve("post-boot-commands.txt");
        Files.writeString(file, Files.readString(Path.of(System.getProperty("it.cluster.postBootTemplate")))
                .replace("@DB_HOST@", System.getProperty("it.postgres.host")).replace("@DB_PORT@", "5432")
                .replace("@DB_NAME@", "spdypush").replace("@DB_USER@", "spdypush")
                .replace("@DB_PASSWORD@", "spdypush"));
        return file;
    }

    private void awaitReady(int node) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!nodes.get(node).isAlive()) {
                throw new IllegalStateException("node " + node + " ended while starting; see " + log(node));
            }
            if (Files.readString(log(node)).contains("This server is node ") && answersStatus(node)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + node + " was not ready within " + READY_WITHIN + "; see "
                + log(node));
    }

    private boolean answersStatus(int node) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri(node, "/api/status")).header("Authorization", Layout.admin())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /**
     * Waits until every node answers for all of them in its cluster status: a node that formed a grid of its own
     * at start (its peers slow to come up) and merged into the others later is counted only once it is called
     * under its new member id.
     */
    private void awaitGridOf(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        for (int node = 0; node < count; node++) {
            while (answeringNodes(node) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + node + " did not see " + count + " nodes answer; see "
                            + log(node));
                }
                Thread.sleep(500);
            }
        }
    }

    private int answeringNodes(int node) throws IOException, InterruptedException {
        String status = http.send(HttpRequest.newBuilder(uri(node, "/api/status")).header("Authorization",
                Layout.admin()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return status.split("\"answered\":true", -1).length - 1;
    }
}
