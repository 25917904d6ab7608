package io.spdypush.client.cli;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code send}: one message through the server's REST API (README, "REST API") to a client id, several, a topic or
 * everyone online, as a user with the role push-admin whose password never appears on the command line. What the
 * server answered is printed by {@link SendAnswer}.
 */
@Command(name = "send",
        description = {
                "Send a message through the server's REST API.",
                "To one client id or several, a topic or everyone online; what happened per recipient is one JSON"
                        + " object per line on stdout:",
                "  {\"clientId\":..,\"id\":..,\"seq\":..,\"status\":\"ACCEPTED\"}",
                "or \"status\":\"REFUSED\" with a \"reason\"; no line for a topic without subscribers online. The"
                        + " user logs in with HTTP Basic, its password taken from the environment variable "
                        + SendCommand.PASSWORD_VARIABLE + " or asked for on the terminal, never from an option.",
                "Exit status 1 when a recipient refused the message, when the server answered an error (its"
                        + " answer on stderr, such as {\"error\":..,\"field\":\"ttl\"}) or could not be reached."})
final class SendCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "SPDYPUSH_PASSWORD";
    /** The client ids the several-clients call takes in its query string, within the server's request line. */
    static final int MAX_IDS_IN_QUERY = 100;
    private static final String DEFAULT_URL = "http://localhost:8080/push";
    private static final String FILE_CONTENT_TYPE = "application/octet-stream";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The server answers once each recipient's copy is accepted or refused, which for everyone may take a while. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "the application's address, the REST API being under URL/api (default ${DEFAULT-VALUE})")
    private String url;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "a user with the role push-admin")
    private String user;

    @ArgGroup(multiplicity = "1", heading = "%nThe recipients, exactly one of:%n")
    private Audience audience;

    @ArgGroup(multiplicity = "1", heading = "%nThe payload, exactly one of:%n")
    private Body body;

    @Option(names = "--content-type", paramLabel = "CT", description = "the payload's content type (default "
            + RequestCommand.DEFAULT_CONTENT_TYPE + " with --data, " + FILE_CONTENT_TYPE + " with --data-file)")
    private String contentType;

    @Option(names = "--id", paramLabel = "ID", description = "the message id (default a random UUID)")
    private String id;

    @Option(names = "--ttl", paramLabel = "SECONDS", converter = NonNegativeNumber.class,
            description = "seconds until it expires unsent")
    private Long ttl;

    @Option(names = "--collapse", paramLabel = "KEY",
            description = "replaces a message of the client with the same key that is not sent yet")
    private String collapse;

    @Option(names = "--priority", paramLabel = "high|normal", description = "high or normal")
    private String priority;

    @Option(names = "--qos", paramLabel = "at_least_once|at_most_once",
            description = "to client ids at_least_once (the default: stored and sent again until acknowledged) or"
                    + " at_most_once; to a topic or everyone only at_most_once")
    private String qos;

    /** Exactly one of them: whom the message goes to. */
    private static final class Audience {

        @Option(names = "--to", paramLabel = "ID[,ID...]", description = "one client id, or several (more than "
                + SendCommand.MAX_IDS_IN_QUERY + " go in the body of the batch call, at most 1000)")
        private String clientIds;

        @Option(names = "--topic", paramLabel = "NAME", description = "the sessions subscribed to the topic")
        private String topic;

        @Option(names = "--everyone", description = "every session online")
        private boolean everyone;
    }

    /** Exactly one of them: the payload. */
    private static final class Body {

        @Option(names = "--data", paramLabel = "TEXT", description = "the payload, sent as UTF-8")
        private String text;

        @Option(names = "--data-file", paramLabel = "FILE", description = "the payload, the file's bytes; - for"
                + " standard input")
        private String file;
    }

    SendCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<String> clientIds = audience.clientIds == null ? List.of()
                : Arrays.stream(audience.clientIds.split(",")).map(String::trim).toList();
        boolean batch = clientIds.size() > MAX_IDS_IN_QUERY;
        URI endpoint = batch ? URI.create(application() + "/api/batch") : endpoint(clientIds);
        BodyPublisher payload = batch ? BodyPublishers.ofString(batchBody(clientIds)) : payload();
        String authorization = basicAuthorization(); // last: no password is asked for a wrong command line
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", batch ? "application/json" : payloadContentType())
                .header("Accept", "application/json")
                .POST(payload)
                .build();
        // HTTP/1.1 without an upgrade attempt: Payara answers the REST API on it, with or without TLS.
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> answer = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return SendAnswer.report(answer, user, terminal);
        } catch (IOException e) {
            terminal.err().println("push-client: cannot reach " + url + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("push-client: interrupted");
        }
        return PushCli.EXIT_FAILURE;
    }

    private String payloadContentType() {
        return contentType != null ? contentType
                : body.text != null ? RequestCommand.DEFAULT_CONTENT_TYPE : FILE_CONTENT_TYPE;
    }

    /**
     * The batch call's body for the message to these client ids: {@code {"messages":[{"to":[..],"base64":..,
     * "contentType":..}]}} with the message's options as members.
     */
    private String batchBody(List<String> clientIds) {
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder(clientIds))
                .add("base64", Base64.getEncoder().encodeToString(payloadBytes()))
                .add("contentType", payloadContentType());
        options().forEach((name, value) -> message.add(name, value.toString()));
        return Json.createObjectBuilder().add("messages", Json.createArrayBuilder().add(message)).build().toString();
    }

    private byte[] payloadBytes() {
        if (body.text != null) {
            return body.text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return body.file.equals("-") ? terminal.in().readAllBytes() : Files.readAllBytes(Path.of(body.file));
        } catch (IOException | InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "--data-file '" + body.file + "' is not a readable"
                    + " file");
        }
    }

    /** The message's options that were given, by the API's names. */
    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("id", id);
        options.put("ttl", ttl);
        options.put("collapse", collapse);
        options.put("priority", priority);
        options.put("qos", qos);
        options.values().removeIf(Objects::isNull);
        return options;
    }

    /** The endpoint of the audience (README, "REST API") under --url, with the message's options as its query. */
    private URI endpoint(List<String> clientIds) {
        Map<String, Object> query = new LinkedHashMap<>();
        String path;
        if (audience.clientIds != null) {
            if (clientIds.size() == 1) {
                path = "clients/" + encode(clientIds.get(0)) + "/messages";
            } else {
                path = "clients/messages";
                query.put("to", String.join(",", clientIds));
            }
        } else if (audience.topic != null) {
            path = "topics/" + encode(audience.topic) + "/messages";
        } else {
            path = "messages";
        }
        query.putAll(options());
        String parameters = query.entrySet().stream()
                .map(parameter -> parameter.getKey() + "=" + encode(parameter.getValue().toString()))
                .collect(Collectors.joining("&"));
        return URI.create(application() + "/api/" + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    /** --url without a trailing slash, checked. */
    private String application() {
        try {
            URI application = new URI(url);
            if (("http".equals(application.getScheme()) || "https".equals(application.getScheme()))
                    && application.getHost() != null && application.getQuery() == null) {
                return url.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--url '" + url + "' is not an http:// or https://"
                + " address such as " + DEFAULT_URL);
    }

    private BodyPublisher payload() {
        if (body.text != null) {
            return BodyPublishers.ofString(body.text, StandardCharsets.UTF_8);
        }
        if (body.file.equals("-")) {
            return BodyPublishers.ofInputStream(terminal::in);
        }
        try {
            Path file = Path.of(body.file);
            if (Files.isRegularFile(file)) {
                return BodyPublishers.ofFile(file);
            }
        } catch (InvalidPathException | FileNotFoundException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--data-file '" + body.file + "' is not a readable file");
    }

    /** HTTP Basic with the password from the environment, or typed on the terminal without echo. */
    private String basicAuthorization() {
        String password = terminal.environment().get(PASSWORD_VARIABLE);
        if (password == null) {
            char[] typed = terminal.console() == null ? null
                    : terminal.console().readPassword("password of %s: ", user);
            if (typed == null) {
                throw new ParameterException(spec.commandLine(), "send needs the password of --user " + user
                        + ": set " + PASSWORD_VARIABLE + ", or run it on a terminal to be asked for it");
            }
            password = new String(typed);
        }
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encoded for a path segment or a query value. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first message in the causes; the HTTP client's exceptions for a refused or unknown host have none. */
    private static String reason(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }
}
