package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.SessionClosedException;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code listen}: opens the push stream and prints one JSON line per message on stdout (auto-ack on), until
 * the session ends; everything else goes to stderr. Exits non-zero when the connection is refused or lost.
 */
final class ListenCommand {

    static final Set<String> OPTIONS = ConnectOptions.optionsAnd("--last-seq");
    static final Set<String> SWITCHES = ConnectOptions.SWITCHES;

    private ListenCommand() {
    }

    static int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        PushClient.Builder builder = ConnectOptions.builder(arguments);
        Arguments.Server server = arguments.server("--server");
        String clientId = arguments.required("--client-id");
        CompletableFuture<SessionClosedException> ended = new CompletableFuture<>();
        builder.listener(new Printer(out, ended));
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
