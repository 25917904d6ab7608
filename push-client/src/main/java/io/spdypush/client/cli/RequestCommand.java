package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.Request;
import io.spdypush.client.Response;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code request}: opens the push stream (the protocol wants it first), sends one business request and prints
 * the response and each pushed sub-resource as JSON lines on stdout ({@link ResponseJson}). Exits 0 when the
 * status is below 400, 1 otherwise and when the connection or the request fails (the reason on stderr).
 */
final class RequestCommand {

    static final Set<String> OPTIONS = ConnectOptions.optionsAnd("--method", "--data", "--content-type");
    static final Set<String> SWITCHES = ConnectOptions.SWITCHES;
    static final List<String> OPERANDS = List.of("PATH");
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private RequestCommand() {
    }

    static int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        Request request = request(arguments);
        // Pushed messages are left unacknowledged, so that they come again, whole, to the next listen.
        PushClient.Builder builder = ConnectOptions.builder(arguments).autoAck(false).listener(message -> { });
        try (PushClient client = builder.build()) {
            PushSession session = client.connect().get();
            Response response = session.request(request).get();
            out.println(ResponseJson.line(response));
            response.subresources().forEach(pushed -> out.println(ResponseJson.line(pushed)));
            out.flush();
            return response.status() < 400 ? PushCli.EXIT_OK : PushCli.EXIT_FAILURE;
        } catch (ExecutionException e) {
            err.println(ErrorLine.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("push-client: interrupted");
        }
        return PushCli.EXIT_FAILURE;
    }

    /** PATH, --method (GET, or POST with --data, as curl does), --data as UTF-8 with --content-type. */
    private static Request request(Arguments arguments) throws UsageException {
        Optional<String> data = arguments.optional("--data");
        Optional<String> contentType = arguments.optional("--content-type");
        if (contentType.isPresent() && data.isEmpty()) {
            throw new UsageException("--content-type goes with --data");
        }
        String method = arguments.optional("--method").orElse(data.isPresent() ? "POST" : "GET");
        try {
            Request request = Request.to(arguments.operand("PATH")).method(method.toUpperCase(Locale.ROOT));
            if (data.isPresent()) {
                request = request.body(contentType.orElse(DEFAULT_CONTENT_TYPE),
                        data.get().getBytes(StandardCharsets.UTF_8));
            }
            return request;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
