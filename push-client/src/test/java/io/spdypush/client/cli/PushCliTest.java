package io.spdypush.client.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.spdypush.client.Packets;
import io.spdypush.client.TestSpdyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PushCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void tokenPrintsATokenForTheClientIdValidForTheTtl() {
        long now = Instant.now().getEpochSecond();

        int exit = run("token", "--client-id", "device-4", "--secret", "s3cret", "--ttl", "60");

        assertThat(exit, is(0));
        String[] parts = stdout().trim().split("\\.");
        assertThat(parts[0], is("ZGV2aWNlLTQ"));
        long expiry = Long.parseLong(parts[1]);
        assertThat(expiry >= now + 60 && expiry <= now + 62, is(true));
        assertThat(parts[2], matchesPattern("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void tokenNeedsNoServer() {
        assertThat(run("token", "--client-id", "device-4", "--secret", "s"), is(0));
        assertThat(stderr(), is(emptyString()));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("request", "--server", "h:1"), is(2));
        assertThat(stderr(), startsWith("push-client: unknown command 'request'\nusage: "));
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
        assertThat(stderr(), containsString("give exactly one of --token and --secret"));
    }

    @Test
    void badServerAddressIsAUsageError() {
        assertThat(run("listen", "--server", "nohost", "--client-id", "d", "--token", "t"), is(2));
        assertThat(stderr(), containsString("--server 'nohost' is not HOST:PORT"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("token", "--client-id", "d", "--secret", "s", "--verbose"), is(2));
        assertThat(stderr(), containsString("unknown option '--verbose'"));
    }

    @Test
    void invalidClientIdIsAUsageError() {
        assertThat(run("token", "--client-id", "a b", "--secret", "s"), is(2));
        assertThat(stderr(), containsString("client id 'a b' is invalid"));
    }

    @Test
    void listenPrintsOneJsonLinePerMessageAndFailsWhenTheServerGoesAway() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("listen",
                    "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1", "--secret", "s3cret",
                    "--last-seq", "4"));
            TestSpdyServer.Request request = server.pushRequests.poll(10, SECONDS);

            server.push(Packets.concat(Packets.text(5, "m-5", "hi \"there\""),
                    Packets.message(6, Packets.ACK_REQUIRED, "m-6", "image/png", new byte[] {1, 2, 3})), 7);
            waitForAck(server, 6);
            server.goAway(SpdySessionStatus.OK);

            assertThat(exit.get(10, SECONDS), is(1));
            assertThat(request.headers().get("authorization"), startsWith("Bearer Y2xpLTE."));
            assertThat(request.headers().get("push-last-seq"), is("4"));
            assertThat(stdout(), is(
                    "{\"seq\":5,\"id\":\"m-5\",\"redelivered\":false,\"meta\":{\"id\":\"m-5\","
                            + "\"content-type\":\"text/plain; charset=utf-8\"},\"payload\":\"hi \\\"there\\\"\"}\n"
                            + "{\"seq\":6,\"id\":\"m-6\",\"redelivered\":false,\"meta\":{\"id\":\"m-6\","
                            + "\"content-type\":\"image/png\"},\"payload\":\"AQID\",\"encoding\":\"base64\"}\n"));
            assertThat(stderr(), containsString("push session " + TestSpdyServer.SESSION_ID));
            assertThat(stderr(), containsString("push-client: the server sent GOAWAY OK"));
        }
    }

    @Test
    void listenReportsARefusalWithItsStatus() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer()) {
            server.pushStatus = 401;

            int exit = run("listen", "--server", "127.0.0.1:" + server.port(), "--client-id", "cli-1",
                    "--token", "wrong");

            assertThat(exit, is(1));
            assertThat(stdout(), is(emptyString()));
            assertThat(stderr(), is("push-client: the server refused the push stream with status 401\n"));
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
        return PushCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
