package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import io.spdypush.client.Tokens;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code listen}: opens the push stream and prints one JSON line per message on stdout (auto-ack on), until
 * the session ends; everything else goes to stderr. Exits non-zero when the connection is refused or lost.
 */
final class ListenCommand {

    static final Set<String> OPTIONS = Set.of("--server", "--client-id", "--token", "--secret", "--last-seq");
    static final Set<String> SWITCHES = Set.of("--tls");
    private static final long MINTED_TOKEN_TTL_SECONDS = 3600;

    private ListenCommand() {
    }

    static int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        Arguments.Server server = arguments.server("--server");
        String clientId = arguments.required("--client-id");
        String token = token(arguments, clientId);
        CompletableFuture<SessionClosedException> ended = new CompletableFuture<>();
        PushClient.Builder builder;
        try {
            builder = PushClient.builder()
                    .server(server.host(), server.port())
                    .clientId(clientId)
                    .token(token)
                    .tls(arguments.flag("--tls"))
                    .listener(new Printer(out, ended));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (arguments.optional("--last-seq").isPresent()) {
            builder.lastSeq(arguments.number("--last-seq", 0));
        }
        try (PushClient client = builder.build()) {
            // Killed with SIGINT or SIGTERM: say GOAWAY before the JVM goes.
            Thread closer = new Thread(client::close, "push-client-shutdown");
            Runtime.getRuntime().addShutdownHook(closer);
            try {
                PushSession session = client.connect().get();
                err.println("connected to " + server.host() + ":" + server.port() + " as " + clientId
                        + ", push session " + session.id() + ", heartbeat " + session.heartbeatSeconds() + " s");
                err.println("push-client: " + ended.get().getMessage());
            } finally {
                removeHook(closer);
            }
        } catch (ExecutionException e) {
            err.println("push-client: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("push-client: interrupted");
        }
        return PushCli.EXIT_FAILURE;
    }

    private static String token(Arguments arguments, String clientId) throws UsageException {
        Optional<String> token = arguments.optional("--token");
        Optional<String> secret = arguments.optional("--secret");
        if (token.isPresent() == secret.isPresent()) {
            throw new UsageException("give exactly one of --token and --secret");
        }
        if (token.isPresent()) {
            return token.get();
        }
        try {
            return Tokens.mint(secret.get(), clientId, Instant.now().getEpochSecond() + MINTED_TOKEN_TTL_SECONDS);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook anyway.
        }
    }

    /** Prints each message as one JSON line; runs on the event loop, and a blocked stdout is backpressure. */
    private record Printer(PrintStream out, CompletableFuture<SessionClosedException> ended)
            implements PushListener {

        @Override
        public void onMessage(ReceivedMessage message) {
            out.println(MessageJson.line(message));
            out.flush();
        }

        @Override
        public void onDisconnected(SessionClosedException reason) {
            ended.complete(reason);
        }
    }
}
