package io.spdypush.client.cli;

import io.spdypush.client.FileLastSeqStore;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.client.SessionClosedException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code listen}: opens the push stream and prints one JSON line per message on stdout (auto-ack on). A lost
 * session is followed by a new one that resumes after the last message printed, kept in memory or, with
 * {@code --state FILE}, in a file that outlives the command. Everything else goes to stderr, one line per event.
 * Runs until killed; exits 1 when the server refuses the client for good.
 */
final class ListenCommand {

    static final Set<String> OPTIONS = ConnectOptions.optionsAnd("--last-seq", "--state");
    static final Set<String> SWITCHES = ConnectOptions.SWITCHES;

    private ListenCommand() {
    }

    static int run(Arguments arguments, PrintStream out, PrintStream err) throws UsageException {
        PushClient.Builder builder = ConnectOptions.builder(arguments);
        String clientId = arguments.required("--client-id");
        Optional<Path> state = stateFile(arguments);
        if (state.isPresent() && arguments.optional("--last-seq").isPresent()) {
            throw new UsageException("give --last-seq or --state, not both (to start a state file at a seq,"
                    + " write the number into it)");
        }
        state.ifPresent(file -> builder.lastSeqStore(new FileLastSeqStore(file)));
        if (arguments.optional("--last-seq").isPresent()) {
            builder.lastSeq(arguments.number("--last-seq", 0));
        }
        // Fails with what stops the client: a final refusal, or a state file that cannot be read.
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        builder.reconnect(ReconnectPolicy.STANDARD)
                .listener(new Printer(out, err, clientId, stopped));
        try (PushClient client = builder.build()) {
            // Killed with SIGINT or SIGTERM: say GOAWAY before the JVM goes.
            Thread closer = new Thread(client::close, "push-client-shutdown");
            Runtime.getRuntime().addShutdownHook(closer);
            try {
                client.connect().whenComplete((session, failure) -> {
                    if (failure != null) {
                        stopped.completeExceptionally(failure);
                    }
                });
                stopped.get();
            } finally {
                removeHook(closer);
            }
        } catch (ExecutionException e) {
            err.println(ErrorLine.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("push-client: interrupted");
        }
        return PushCli.EXIT_FAILURE;
    }

    private static Optional<Path> stateFile(Arguments arguments) throws UsageException {
        Optional<String> name = arguments.optional("--state");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(name.get()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new UsageException("--state '" + name.get() + "' is not a file name: " + e.getMessage());
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new UsageException("--state '" + name.get() + "': the directory " + file.getParent()
                    + " does not exist");
        }
        return Optional.of(file);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook anyway.
        }
    }

    /**
     * Prints each message as one JSON line, and each change of the connection as one line on stderr; runs on
     * the event loop, and a blocked stdout is backpressure.
     */
    private record Printer(PrintStream out, PrintStream err, String clientId, CompletableFuture<Void> stopped)
            implements PushListener {

        @Override
        public void onMessage(ReceivedMessage message) {
            out.println(MessageJson.line(message));
            out.flush();
        }

        @Override
        public void onConnected(PushSession session) {
            err.println("connected to " + session.server() + " as " + clientId + ", push session " + session.id()
                    + ", heartbeat " + session.heartbeatSeconds() + " s");
        }

        /** Says why the session or attempt ended too: onDisconnected, which comes first, prints nothing. */
        @Override
        public void onReconnecting(int attempt, Duration delay, SessionClosedException cause) {
            err.println(ErrorLine.of(cause) + "; reconnecting in "
                    + String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0) + " s (attempt " + attempt + ")");
        }

        @Override
        public void onRefused(PushRefusedException refusal) {
            stopped.completeExceptionally(refusal);
        }
    }
}
