package io.spdypush.client.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.spdypush.testing.Packets;
import io.spdypush.client.TestSpdyServer;
import io.spdypush.client.TestSpdyServer.Answer;
import io.spdypush.client.TestSpdyServer.BusinessRequest;
import io.spdypush.client.TestSpdyServer.Pushed;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushCliTest {

    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";
    private static final List<String> COMMANDS = List.of("listen", "request", "send", "token", "hash-password");

    private final CliRunner cli = new CliRunner();

    @Test
    void tokenPrintsATokenForTheClientIdValidForTheTtl() {
        long now = Instant.now().getEpochSecond();

        int exit = run("token", "--client-id", "device-4", "--secret", SECRET, "--ttl", "60");

        assertThat(exit, is(0));
        String[] parts = stdout().trim().split("\\.");
        assertThat(parts[0], is("ZGV2aWNlLTQ"));
        long expiry = Long.parseLong(parts[1]);
        assertThat(expiry >= now + 60 && expiry <= now + 62, is(true));
        assertThat(parts[2], matchesPattern("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void tokenNeedsNoServer() {
        assertThat(run("token", "--client-id", "device-4", "--secret", SECRET), is(0));
        assertThat(stderr(), is(emptyString()));
    }

    @Test
    void aSecretTooShortForTheServerIsAUsageError() {
        assertThat(run("token", "--client-id", "device-4", "--secret", "s3cret"), is(2));
        assertThat(stderr(), containsString("openssl rand -base64 32"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("publish", "--server", "h:1"), is(2));
        assertThat(stderr(), startsWith("push-client: unknown command 'publish'\nusage: "));
        assertThat(stdout(), is(emptyString()));
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run(), is(2));
        assertThat(stderr(), containsString("a command is required"));
    }

    @Test
    void listenWithoutCredentialsIsAUsageError() {
        assertThat(run("listen", "--server", "127.0.0.1:7070", "--client-id", "d"), is(2));
        assertThat(stderr(), containsString("give exactly one of --token, --secret and --token-command"));
    }

    @Test
    void listenRunsTheTokenCommandBeforeEachConnectionAndStopsAtTheSecond401InARow(@TempDir Path dir)
            throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "first-token\n");
        try (TestSpdyServer server = new TestSpdyServer()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("listen",
                    "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-2",
                    "--token-command", "cat '" + tokenFile + "'"));
            TestSpdyServer.Request first = server.pushRequests.poll(10, SECONDS);
            Files.writeString(tokenFile, "second-token\n");
            server.pushStatus = 401;
            server.goAway(SpdySessionStatus.OK);

            assertThat(exit.get(10, SECONDS), is(1));
            assertThat(first.headers().get("authorization"), is("Bearer first-token"));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get("authorization"), is("Bearer second-token"));
            assertThat("asked once more after the first 401", server.pushRequests.poll(10, SECONDS), is(notNullValue()));
        }
    }

    @Test
    void aTokenCommandThatFailsIsTriedAgain(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        try (TestSpdyServer server = new TestSpdyServer()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("listen",
                    "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-3",
                    "--token-command", "cat '" + tokenFile + "'"));
            Thread.sleep(300);
            assertThat("no token file yet: nothing connects", server.pushRequests.isEmpty(), is(true));
            Files.writeString(tokenFile, "late-token");

            TestSpdyServer.Request request = server.pushRequests.poll(30, SECONDS);
            server.pushStatus = 400;
            server.goAway(SpdySessionStatus.OK);

            assertThat(request.headers().get("authorization"), is("Bearer late-token"));
            assertThat(exit.get(10, SECONDS), is(1));
            assertThat(stderr(), containsString("--token-command exited with 1"));
        }
    }

    @Test
    void badServerAddressIsAUsageError() {
        assertThat(run("listen", "--server", "nohost", "--client-id", "d", "--token", "t"), is(2));
        assertThat(stderr(), containsString("--server 'nohost' is not HOST:PORT"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("token", "--client-id", "d", "--secret", SECRET, "--verbose"), is(2));
        assertThat(stderr(), containsString("unknown option '--verbose'"));
    }

    @Test
    void invalidClientIdIsAUsageError() {
        assertThat(run("token", "--client-id", "a b", "--secret", SECRET), is(2));
        assertThat(stderr(), containsString("client id \"a b\" is invalid"));
    }

    @Test
    void listenPrintsOneJsonLinePerMessageAndAfterGoAwayResumesFromTheLastOne() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("listen",
                    "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1", "--secret", SECRET,
                    "--last-seq", "4"));
            TestSpdyServer.Request request = server.pushRequests.poll(10, SECONDS);

            server.push(Packets.concat(Packets.text(5, "m-5", "hi \"there\""),
                    Packets.message(6, Packets.ACK_REQUIRED, "m-6", "image/png", new byte[] {1, 2, 3})), 7);
            waitForAck(server, 6);
            server.pushStatus = 401;
            server.goAway(SpdySessionStatus.OK);

            assertThat(exit.get(10, SECONDS), is(1));
            assertThat(request.headers().get("authorization"), startsWith("Bearer Y2xpLTE."));
            assertThat(request.headers().get("push-last-seq"), is("4"));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get("push-last-seq"), is("6"));
            assertThat(stdout(), is(
                    "{\"seq\":5,\"id\":\"m-5\",\"redelivered\":false,\"meta\":{\"id\":\"m-5\","
                            + "\"content-type\":\"text/plain; charset=utf-8\"},\"payload\":\"hi \\\"there\\\"\"}\n"
                            + "{\"seq\":6,\"id\":\"m-6\",\"redelivered\":false,\"meta\":{\"id\":\"m-6\","
                            + "\"content-type\":\"image/png\"},\"payload\":\"AQID\",\"encoding\":\"base64\"}\n"));
            String[] lines = stderr().split("\n");
            assertThat(lines.length, is(4));
            assertThat(lines[0], is("connected to 127.0.0.1:" + server.port() + " as cli-1 over spdy, push session "
                    + TestSpdyServer.SESSION_ID + ", heartbeat 60 s"));
            assertThat(lines[1], matchesPattern(
                    "push-client: the server sent GOAWAY OK; reconnecting in [01]\\.\\d s \\(attempt 1\\)"));
            assertThat("a 401 with a freshly minted token is tried once more", lines[2],
                    matchesPattern("push-client: .*401.*; reconnecting in .* \\(attempt 2\\)"));
            assertThat(lines[3], is("push-client: the server refused the push stream with status 401"
                    + " (bad or missing token)"));
        }
    }

    @Test
    void listenKeepsTheLastSeqInTheStateFileForTheNextRun(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("cli-1.last-seq");
        try (TestSpdyServer server = new TestSpdyServer()) {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> run("listen",
                    "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1", "--token", "t",
                    "--state", state.toString()));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get("push-last-seq"), is(nullValue()));
            server.push(Packets.concat(Packets.text(1, "m-1", "one"), Packets.text(2, "m-2", "two")), 100);
            waitForAck(server, 2);
            server.pushStatus = 401;
            server.dropConnection();
            assertThat(first.get(10, SECONDS), is(1));
            server.pushRequests.poll(10, SECONDS);

            int second = run("listen", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--token", "t", "--state", state.toString());

            assertThat(second, is(1));
            assertThat(Files.readString(state), is("2\n"));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get("push-last-seq"), is("2"));
            assertThat(stderr(), matchesPattern("(?s).*push-client: the connection to 127\\.0\\.0\\.1:\\d+ was closed;"
                    + " reconnecting in [01]\\.\\d s \\(attempt 1\\)\n.*"));
        }
    }

    @Test
    void listenReportsAStateFileThatHoldsNoSeq(@TempDir Path dir) throws Exception {
        Path state = Files.writeString(dir.resolve("state"), "garbage");

        int exit = run("listen", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t",
                "--state", state.toString());

        assertThat(exit, is(1));
        assertThat(stderr(), startsWith("push-client: " + state + " does not hold a last seq"));
    }

    @Test
    void listenWithBothLastSeqAndStateIsAUsageError() {
        assertThat(run("listen", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t",
                "--last-seq", "4", "--state", "state"), is(2));
        assertThat(stderr(), startsWith("push-client: give --last-seq or --state, not both"));
    }

    @Test
    void listenWithAStateFileInAMissingDirectoryIsAUsageError(@TempDir Path dir) {
        Path state = dir.resolve("missing").resolve("state");

        assertThat(run("listen", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t",
                "--state", state.toString()), is(2));
        assertThat(stderr(), startsWith("push-client: --state '" + state + "': the directory "
                + state.getParent() + " does not exist"));
    }

    @Test
    void listenReportsARefusalWithItsStatus() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            server.pushStatus = 401;

            int exit = run("listen", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--token", "wrong");

            assertThat(exit, is(1));
            assertThat(stdout(), is(emptyString()));
            assertThat(stderr(), is("push-client: the server refused the push stream with status 401"
                    + " (bad or missing token)\n"));
        }
    }

    @Test
    void requestPrintsTheResponseThenEachPushedSubresourceAsJsonLines() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            server.answer = Answer.reply(200, "text/html", "<p>hi</p>")
                    .tags("/style.css", "/logo.png", "/app.js")
                    .push(Pushed.of("/style.css", "text/css", "b{}"),
                            new Pushed("/logo.png", "image/png", new byte[] {1, 2, 3}, 0, true));

            int exit = run("request", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--token", "t0k3n", "/index.html");

            assertThat(stderr(), exit, is(0));
            assertThat(stdout(), is(
                    "{\"status\":200,\"headers\":{\"content-type\":\"text/html\",\"content-length\":\"9\","
                            + "\"push-subresources\":\"/style.css, /logo.png, /app.js\"},"
                            + "\"subresources\":[\"/style.css\",\"/logo.png\",\"/app.js\"],\"body\":\"<p>hi</p>\"}\n"
                            + "{\"pushed\":\"/style.css\",\"status\":200,\"content-type\":\"text/css\",\"body\":\"b{}\"}\n"
                            + "{\"pushed\":\"/logo.png\",\"status\":200,\"content-type\":\"image/png\","
                            + "\"body\":\"AQID\",\"encoding\":\"base64\"}\n"));
            assertThat("the push stream comes first", server.pushRequests.poll(10, SECONDS).streamId(), is(1));
            BusinessRequest request = server.businessRequests.poll(10, SECONDS);
            assertThat(request.streamId(), is(3));
            assertThat(request.headers().get(":method"), is("GET"));
            assertThat(request.headers().get(":path"), is("/index.html"));
        }
    }

    @Test
    void requestPostsItsDataAndExitsOneForAnErrorStatus() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            server.answer = Answer.reply(400, "text/plain", "no quantity");

            int exit = run("request", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--secret", SECRET, "--data", "{\"item\":7}", "--content-type", "application/json",
                    "/orders");

            assertThat(exit, is(1));
            assertThat(stdout(), is("{\"status\":400,\"headers\":{\"content-type\":\"text/plain\","
                    + "\"content-length\":\"11\"},\"subresources\":[],\"body\":\"no quantity\"}\n"));
            BusinessRequest request = server.businessRequests.poll(10, SECONDS);
            assertThat(request.headers().get(":method"), is("POST"));
            assertThat(request.headers().get("content-type"), is("application/json"));
            assertThat(new String(request.body(), StandardCharsets.UTF_8), is("{\"item\":7}"));
            assertThat("pushed messages are left for listen", server.ackRequests.isEmpty(), is(true));
        }
    }

    @Test
    void requestReportsAConnectionThatIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = run("request", "--server", "127.0.0.1:" + port, "--client-id", "cli-1", "--token", "t", "/");

        assertThat(exit, is(1));
        assertThat(stdout(), is(emptyString()));
        assertThat(stderr(), startsWith("push-client: cannot connect to 127.0.0.1:" + port + ": "));
    }

    @Test
    void requestWithoutPathIsAUsageError() {
        assertThat(run("request", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t"), is(2));
        assertThat(stderr(), startsWith("push-client: PATH is required\nusage: "));
    }

    @Test
    void requestWithTwoPathsIsAUsageError() {
        assertThat(run("request", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t", "/a", "/b"),
                is(2));
        assertThat(stderr(), startsWith("push-client: unexpected argument '/b'\nusage: "));
    }

    @Test
    void helpListsTheCommandsOnStdout() {
        assertThat(run("--help"), is(0));
        assertThat(stdout(), startsWith("usage: java -jar push-client.jar [-hV] [COMMAND]\n"));
        for (String command : COMMANDS) {
            assertThat(stdout(), containsString("\n  " + command + " "));
        }
        assertThat(stdout(), containsString("\nExit status:\n  0   ok\n"));
        assertThat(stderr(), is(emptyString()));
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        for (String command : COMMANDS) {
            CliRunner help = new CliRunner();

            assertThat(command, help.run(command, "--help"), is(0));
            assertThat(help.stdout(), startsWith("usage: java -jar push-client.jar " + command + " [-hV]"));
        }
    }

    @Test
    void versionIsTheProjectsForTheClientAndEachCommand() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"send", "--version"}, {"listen", "-V"}}) {
            CliRunner version = new CliRunner();

            assertThat(version.run(args), is(0));
            assertThat("the version the build wrote in", version.stdout(),
                    matchesPattern("push-client \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"));
        }
    }

    @Test
    void listenSubscribesTheSessionToTheTopicsGiven() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            server.pushStatus = 401;

            int exit = run("listen", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--token", "t", "--topics", "news, scores/live");

            assertThat(exit, is(1));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get("push-topics"), is("news,scores/live"));
        }
    }

    @Test
    void listenWithATopicTheServerWouldRefuseIsAUsageError() {
        assertThat(run("listen", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t",
                "--topics", "news,no spaces"), is(2));
        assertThat(stderr(), startsWith("push-client: --topics topic 'no spaces' is invalid: it must be 1-128"
                + " characters of A-Z a-z 0-9 . _ : @ / -\nusage: "));
    }

    @Test
    void requestTakesItsPathAnywhereAmongTheOptions() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = run("request", "/orders", "--server", "127.0.0.1:" + port, "--client-id", "cli-1", "--token", "t");

        assertThat("parsed, then failed to connect", exit, is(1));
        assertThat(stderr(), startsWith("push-client: cannot connect to 127.0.0.1:" + port + ": "));
    }

    /** In cleartext the client speaks with prior knowledge, so its first bytes show the transport (§1, §10). */
    @ParameterizedTest
    @CsvSource({"h2, PRI * HTTP/2.0", "http1, GET /push HTTP/1.1", "spdy, \u0080\u0003", "auto, \u0080\u0003"})
    void theTransportOptionChoosesWhatTheClientSpeaks(String transport, String start) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("request",
                    "--server", "127.0.0.1:" + server.getLocalPort(), "--client-id", "cli-1", "--token", "t",
                    "--transport", transport, "/orders"));
            String firstBytes;
            try (Socket client = server.accept()) {
                firstBytes = new String(client.getInputStream().readNBytes(start.length()),
                        StandardCharsets.ISO_8859_1);
            }

            assertThat(firstBytes, is(start));
            assertThat("the connection was cut before any answer", exit.get(10, SECONDS), is(1));
        }
    }

    @Test
    void anUnknownTransportIsAUsageErrorNamingTheKnownOnes() {
        assertThat(run("listen", "--server", "127.0.0.1:7070", "--client-id", "d", "--token", "t",
                "--transport", "h3"), is(2));
        assertThat(stderr(), startsWith("push-client: --transport 'h3' is not one of spdy, h2, http1, auto\nusage: "));
    }

    @Test
    void tokenTakesTheTransportOfTheOtherCommandsAndIgnoresIt() {
        assertThat(run("token", "--client-id", "device-4", "--secret", SECRET, "--transport", "h2"), is(0));
        assertThat(stderr(), is(emptyString()));
    }

    @Test
    void eachConnectingCommandDocumentsTheTransport() {
        for (String command : List.of("listen", "request")) {
            CliRunner help = new CliRunner();

            assertThat(help.run(command, "--help"), is(0));
            assertThat(command, help.stdout(), containsString("--transport spdy|h2|http1|auto"));
        }
    }

    private static void waitForAck(TestSpdyServer server, long seq) throws InterruptedException {
        while (true) {
            TestSpdyServer.Request ack = server.ackRequests.poll(10, SECONDS);
            if (ack == null || Long.parseLong(ack.headers().get("push-ack")) == seq) {
                return;
            }
        }
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String stdout() {
        return cli.stdout();
    }

    private String stderr() {
        return cli.stderr();
    }
}
