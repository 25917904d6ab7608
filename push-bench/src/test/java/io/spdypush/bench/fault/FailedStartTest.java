package io.spdypush.bench.fault;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.spdypush.bench.Bench;
import io.spdypush.bench.MicroServer;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.protocol.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A start of the real Micro that finds its SPDY port taken by another process: the adapter says which property to
 * change, and the outboxes saved by the last orderly stop survive it, so that the next start that works delivers
 * their message with the seq it was accepted with (without the file, the database would hand it over again with a
 * new seq). Also a start whose data directory cannot be written. Ports: HTTP 28500, SPDY 27590.
 */
class FailedStartTest {

    private static final int HTTP_PORT = 28500;
    private static final int SPDY_PORT = 27590;
    private static final String SECRET = "failed-start-token-secret-of-32-bytes!!";
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    @Test
    void aStartThatFindsTheSpdyPortTakenNamesThePropertyAndKeepsTheSavedOutboxes() throws Exception {
        Path repo = Bench.repository();
        Path outDir = fresh(repo.resolve("push-bench/target/fault-port-taken"));
        String admin = UUID.randomUUID().toString();
        long seq;
        try (MicroServer first = MicroServer.startStored(repo, HTTP_PORT, SPDY_PORT, SECRET, admin, outDir)) {
            HttpResponse<String> sent = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(first
                    .request("/push/api/clients/kept-1/messages?id=kept")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("kept"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.body(), sent.statusCode(), is(202));
            Matcher seqOf = SEQ.matcher(sent.body());
            assertThat(sent.body(), seqOf.find(), is(true));
            seq = Long.parseLong(seqOf.group(1));
        }
        Path outboxes = outDir.resolve("target/spdypush-data/outboxes-" + SPDY_PORT + ".bin");
        assertThat("saved by the orderly stop: " + outboxes, Files.exists(outboxes), is(true));

        try (ServerSocket taken = new ServerSocket(SPDY_PORT, 50, InetAddress.getByName("127.0.0.1"))) {
            long logFrom = Files.size(outDir.resolve("micro.log"));
            try (MicroServer second = MicroServer.spawnStored(repo, HTTP_PORT, SPDY_PORT, SECRET, admin, outDir)) {
                String log = awaitStarted(second, logFrom);
                assertThat("the adapter says why it cannot start, naming the property", log,
                        containsString("(resource adapter config properties bindAddress, spdyPort)"));
            }
        }
        assertThat("the outbox file after the failed start", Files.exists(outboxes), is(true));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (MicroServer third = MicroServer.startStored(repo, HTTP_PORT, SPDY_PORT, SECRET, admin, outDir);
             PushClient client = PushClient.builder().server("127.0.0.1", SPDY_PORT).clientId("kept-1")
                     .token(Tokens.mint(SECRET, "kept-1", Instant.now().plusSeconds(600).getEpochSecond()))
                     .listener(received::add).build()) {
            client.connect().get(30, TimeUnit.SECONDS);
            ReceivedMessage message = received.poll(30, TimeUnit.SECONDS);
            assertThat("the message saved before the failed start", message, is(notNullValue()));
            assertThat(message.id(), is("kept"));
            assertThat("the seq it was accepted with, from the outbox file", message.seq(), is(seq));
        }
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenStopsTheStartNamingTheProperty() throws Exception {
        Path repo = Bench.repository();
        Path outDir = fresh(repo.resolve("push-bench/target/fault-unwritable"));
        // A file where the data directory should be: nothing can be written there, whoever runs the test.
        Path dataDirectory = Files.createDirectories(outDir.resolve("target")).resolve("spdypush-data");
        Files.writeString(dataDirectory, "not a directory");

        try (MicroServer server = MicroServer.spawnStored(repo, HTTP_PORT, SPDY_PORT, SECRET,
                UUID.randomUUID().toString(), outDir)) {
            String log = awaitStarted(server, 0);
            assertThat("the adapter says why it cannot start, naming the directory and the property", log,
                    containsString("Cannot write to the data directory " + dataDirectory));
            assertThat(log, containsString("(resource adapter config property dataDirectory)"));
        }
    }

    /** What the server logged after {@code from} once it is done starting, whatever became of its deployments. */
    private static String awaitStarted(MicroServer server, long from) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String log = Files.readString(server.log()).substring((int) from);
            if (READY.matcher(log).find() || !server.isAlive()) {
                return log;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Payara Micro did not finish starting within " + START_TIMEOUT.toSeconds()
                + " s; see " + server.log());
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
