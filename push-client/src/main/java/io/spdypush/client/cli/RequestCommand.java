package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.Request;
import io.spdypush.client.Response;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code request}: opens the push stream (the protocol wants it first), sends one business request and prints
 * the response and each pushed sub-resource as JSON lines on stdout ({@link ResponseJson}). Exits 0 when the
 * status is below 400, 1 otherwise and when the connection or the request fails (the reason on stderr).
 */
@Command(name = "request",
        description = {
                "Send a business request and print the response and what was pushed with it.",
                "One JSON object per line on stdout, the response, then each sub-resource pushed with it:",
                "  {\"status\":..,\"headers\":{..},\"subresources\":[..],\"body\":\"..\"}",
                "  {\"pushed\":\"/path\",\"status\":..,\"content-type\":..,\"body\":\"..\"}",
                "Bodies are text when the content type is textual, otherwise base64 followed by"
                        + " \"encoding\":\"base64\"; subresources lists the tags of push-subresources, pushed or"
                        + " not (over http1 nothing is pushed). The request has a session of its own, so give it a"
                        + " client id no listen uses."
                        + " Messages pushed meanwhile are not acknowledged: listen gets them later.",
                "Exit status 1 for a status of 400 or more."})
final class RequestCommand implements Callable<Integer> {

    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectOptions connect;

    @Option(names = "--method", paramLabel = "M", description = "the method (default GET, or POST with --data)")
    private String method;

    @Option(names = "--data", paramLabel = "BODY", description = "the body, sent as UTF-8")
    private String data;

    @Option(names = "--content-type", paramLabel = "CT",
            description = "the body's content type (default " + DEFAULT_CONTENT_TYPE + ")")
    private String contentType;

    @Parameters(paramLabel = "PATH", description = "the path asked for, such as /orders/42")
    private String path;

    RequestCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Request request = request();
        PrintStream out = terminal.out();
        // Pushed messages are left unacknowledged, so that they come again, whole, to the next listen.
        PushClient.Builder builder = connect.builder().autoAck(false).listener(message -> { });
        try (PushClient client = builder.build()) {
            PushSession session = client.connect().get();
            Response response = session.request(request).get();
            out.println(ResponseJson.line(response));
            response.subresources().forEach(pushed -> out.println(ResponseJson.line(pushed)));
            out.flush();
            return response.status() < 400 ? PushCli.EXIT_OK : PushCli.EXIT_FAILURE;
        } catch (ExecutionException e) {
            terminal.err().println(ErrorLine.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("push-client: interrupted");
        }
        return PushCli.EXIT_FAILURE;
    }

    /** PATH, --method (GET, or POST with --data, as curl does), --data as UTF-8 with --content-type. */
    private Request request() {
        if (contentType != null && data == null) {
            throw new ParameterException(spec.commandLine(), "--content-type goes with --data");
        }
        String verb = method != null ? method : data != null ? "POST" : "GET";
        try {
            Request request = Request.to(path).method(verb.toUpperCase(Locale.ROOT));
            if (data != null) {
                request = request.body(contentType != null ? contentType : DEFAULT_CONTENT_TYPE,
                        data.getBytes(StandardCharsets.UTF_8));
            }
            return request;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
