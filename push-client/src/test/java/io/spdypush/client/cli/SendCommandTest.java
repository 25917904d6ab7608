package io.spdypush.client.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.spdypush.client.cli.RestApiPerTest.Request;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} against a stand-in for the REST API: what it asks, what it prints, how it exits. */
class SendCommandTest {

    private static final String ACCEPTED_A = "{\"clientId\":\"a\",\"id\":\"m-1\",\"seq\":7,\"status\":\"ACCEPTED\"}";
    private static final String ACCEPTED_B = "{\"clientId\":\"b\",\"id\":\"m-1\",\"seq\":3,\"status\":\"ACCEPTED\"}";
    private static final String REFUSED_B = "{\"clientId\":\"b\",\"id\":\"m-1\",\"reason\":\"outbox-full\",\"seq\":0,"
            + "\"status\":\"REFUSED\"}";

    @RegisterExtension
    final RestApiPerTest api = new RestApiPerTest();
    private final CliRunner cli = new CliRunner().environment("SPDYPUSH_PASSWORD", "pa:ss w\u00f6rd");

    @Test
    void sendsToOneClientIdAsTheAdminWithTheMessageOptionsAndPrintsItsDelivery() throws Exception {
        api.answer(202, "application/json", ACCEPTED_A);

        int exit = cli.run("send", "--url", api.url(), "--user", "admin", "--to", "a", "--data", "h\u00e9llo",
                "--id", "m-1", "--ttl", "60", "--collapse", "score", "--priority", "high", "--qos", "at_most_once");

        assertThat(cli.stderr(), exit, is(0));
        assertThat(cli.stdout(), is(ACCEPTED_A + "\n"));
        Request request = api.requests.poll(10, SECONDS);
        assertThat(request.method(), is("POST"));
        assertThat(request.path(), is("/push/api/clients/a/messages"));
        assertThat(request.query(), is("id=m-1&ttl=60&collapse=score&priority=high&qos=at_most_once"));
        assertThat(request.authorization(), is(basic("admin:pa:ss w\u00f6rd")));
        assertThat(request.contentType(), is("text/plain; charset=utf-8"));
        assertThat(request.body(), is("h\u00e9llo"));
    }

    @Test
    void sendsToSeveralClientIdsInOneCallAndExitsOneWhenOneRefused() throws Exception {
        api.answer(202, "application/json", "{\"id\":\"m-1\",\"deliveries\":[" + ACCEPTED_A + "," + REFUSED_B + "]}");

        int exit = cli.run("send", "--url", api.url() + "/", "--user", "admin", "--to", "a, b", "--data", "x");

        assertThat(exit, is(1));
        assertThat("one line per recipient", cli.stdout(), is(ACCEPTED_A + "\n" + REFUSED_B + "\n"));
        assertThat(cli.stderr(), is(emptyString()));
        Request request = api.requests.poll(10, SECONDS);
        assertThat(request.path(), is("/push/api/clients/messages"));
        assertThat(request.query(), is("to=a,b"));
    }

    @Test
    void sendsToMoreClientIdsThanAQueryHoldsThroughTheBatchCall() throws Exception {
        api.answer(200, "application/json", "{\"results\":[{\"id\":\"m-1\",\"deliveries\":[" + ACCEPTED_A + ","
                + ACCEPTED_B + "]}]}");
        String ids = IntStream.range(0, 101).mapToObj(i -> "c-" + i).collect(Collectors.joining(","));

        int exit = cli.run("send", "--url", api.url(), "--user", "admin", "--to", ids, "--data", "h\u00e9llo",
                "--id", "m-1", "--ttl", "60");

        assertThat(cli.stderr(), exit, is(0));
        assertThat("one line per delivery of its one result", cli.stdout(), is(ACCEPTED_A + "\n" + ACCEPTED_B + "\n"));
        Request request = api.requests.poll(10, SECONDS);
        assertThat(request.path(), is("/push/api/batch"));
        assertThat(request.query(), is(nullValue()));
        assertThat(request.contentType(), is("application/json"));
        JsonObject message = Json.createReader(new StringReader(request.body())).readObject()
                .getJsonArray("messages").getJsonObject(0);
        assertThat(message.getJsonArray("to").size(), is(101));
        assertThat(message.getJsonArray("to").getString(100), is("c-100"));
        assertThat(new String(Base64.getDecoder().decode(message.getString("base64")), StandardCharsets.UTF_8),
                is("h\u00e9llo"));
        assertThat(message.getString("contentType"), is("text/plain; charset=utf-8"));
        assertThat(message.getString("id"), is("m-1"));
        assertThat(message.getString("ttl"), is("60"));
    }

    @Test
    void aRefusalOfTheOneClientIdIsItsDeliveryAndExitStatusOne() {
        api.answer(409, "application/json", REFUSED_B);

        assertThat(cli.run("send", "--url", api.url(), "--user", "admin", "--to", "b", "--data", "x"), is(1));
        assertThat(cli.stdout(), is(REFUSED_B + "\n"));
    }

    @Test
    void sendsAFileToATopic(@TempDir Path dir) throws Exception {
        api.answer(202, "application/json", "{\"id\":\"m-1\",\"deliveries\":[" + ACCEPTED_A + "," + ACCEPTED_B + "]}");
        Path file = Files.writeString(dir.resolve("payload.json"), "{\"score\":\"2:1\"}");

        int exit = cli.run("send", "--url", api.url(), "--user", "admin", "--topic", "scores/live",
                "--data-file", file.toString(), "--content-type", "application/json");

        assertThat(exit, is(0));
        assertThat(cli.stdout(), is(ACCEPTED_A + "\n" + ACCEPTED_B + "\n"));
        Request request = api.requests.poll(10, SECONDS);
        assertThat(request.path(), is("/push/api/topics/scores/live/messages"));
        assertThat(request.contentType(), is("application/json"));
        assertThat(request.body(), is("{\"score\":\"2:1\"}"));
    }

    @Test
    void sendsStandardInputToEveryoneAndPrintsNothingWhenNoSessionIsOnline() throws Exception {
        api.answer(202, "application/json", "{\"id\":\"m-1\",\"deliveries\":[]}");

        int exit = cli.stdin("from stdin").run("send", "--url", api.url(), "--user", "admin", "--everyone",
                "--data-file", "-");

        assertThat(exit, is(0));
        assertThat(cli.stdout(), is(emptyString()));
        Request request = api.requests.poll(10, SECONDS);
        assertThat(request.path(), is("/push/api/messages"));
        assertThat(request.query(), is(nullValue()));
        assertThat(request.contentType(), is("application/octet-stream"));
        assertThat(request.body(), is("from stdin"));
    }

    @Test
    void printsTheServersErrorOnStderrAndExitsOne() {
        String error = "{\"error\":\"ttl 0 is out of range 1-31622400\",\"field\":\"ttl\"}";
        api.answer(400, "application/json", error);

        int exit = cli.run("send", "--url", api.url(), "--user", "admin", "--to", "a", "--data", "x", "--ttl", "0");

        assertThat(exit, is(1));
        assertThat(cli.stdout(), is(emptyString()));
        assertThat(cli.stderr(), is("push-client: the server answered 400 to POST " + api.url()
                + "/api/clients/a/messages?ttl=0: " + error + "\n"));
    }

    @Test
    void aWrongPasswordIsOneClearLine() {
        api.answer(401, "text/plain;charset=UTF-8", "log in\n");

        assertThat(cli.run("send", "--url", api.url(), "--user", "admin", "--to", "a", "--data", "x"), is(1));
        assertThat(cli.stderr(), is("push-client: the server refused the login of admin (401): check --user and"
                + " the password (SPDYPUSH_PASSWORD)\n"));
    }

    @Test
    void anHtmlErrorPageIsLeftOut() {
        api.answer(404, "text/html", "<!DOCTYPE html>\n<html>Not Found</html>");

        assertThat(cli.run("send", "--url", api.url(), "--user", "admin", "--everyone", "--data", "x"), is(1));
        assertThat(cli.stderr(), is("push-client: the server answered 404 to POST " + api.url() + "/api/messages\n"));
    }

    @Test
    void aServerThatCannotBeReachedIsOneLineAndExitStatusOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = cli.run("send", "--url", "http://127.0.0.1:" + port + "/push", "--user", "admin", "--everyone",
                "--data", "x");

        assertThat(exit, is(1));
        assertThat(cli.stderr(), is("push-client: cannot reach http://127.0.0.1:" + port + "/push: connection"
                + " refused\n"));
    }

    @Test
    void withoutThePasswordInTheEnvironmentNorATerminalNothingIsSent() {
        CliRunner withoutPassword = new CliRunner();

        assertThat(withoutPassword.run("send", "--url", api.url(), "--user", "admin", "--to", "a", "--data", "x"),
                is(2));
        assertThat(withoutPassword.stderr(), startsWith("push-client: send needs the password of --user admin: set"
                + " SPDYPUSH_PASSWORD, or run it on a terminal to be asked for it\nusage: "));
        assertThat(api.requests.isEmpty(), is(true));
    }

    @Test
    void aWrongCommandLineIsOneLineNamingTheOptionsAndNothingIsSent() {
        String[][] wrong = {
                {"--to", "a", "--topic", "t", "--data", "x"},
                {"--data", "x"},
                {"--to", "a"},
                {"--to", "a", "--data", "x", "--data-file", "-"},
                {"--to", "a", "--to", "b", "--data", "x"},
                {"--everyone", "--data", "x", "--ttl", "soon"},
                {"--everyone", "--data", "x", "--password", "secret"},
                {"--everyone", "--data-file", "/no/such/file"},
                {"--everyone", "--data", "x", "--url", "ftp://host/push"},
        };
        String[] errors = {
                "give exactly one of --to, --topic and --everyone",
                "give exactly one of --to, --topic and --everyone",
                "give exactly one of --data and --data-file",
                "give exactly one of --data and --data-file",
                "--to is given twice",
                "--ttl 'soon' is not a non-negative whole number",
                "unknown option '--password'",
                "--data-file '/no/such/file' is not a readable file",
                "--url 'ftp://host/push' is not an http:// or https:// address such as http://localhost:8080/push",
        };
        for (int i = 0; i < wrong.length; i++) {
            CliRunner run = new CliRunner().environment("SPDYPUSH_PASSWORD", "p");
            String[] args = Stream.concat(Stream.of("send", "--user", "admin"), Stream.of(wrong[i]))
                    .toArray(String[]::new);

            assertThat(String.join(" ", args), run.run(args), is(2));
            assertThat(run.stderr(), startsWith("push-client: " + errors[i] + "\nusage: java -jar push-client.jar send "));
        }
        assertThat(api.requests.isEmpty(), is(true));
    }

    @Test
    void theUserIsRequired() {
        assertThat(cli.run("send", "--to", "a", "--data", "x"), is(2));
        assertThat(cli.stderr(), startsWith("push-client: --user is required\n"));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
