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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code listen}: opens the push stream and prints one JSON line per message on stdout (auto-ack on). A lost
 * session is followed by a new one that resumes after the last message printed, kept in memory or, with
 * {@code --state FILE}, in a file that outlives the command. Everything else goes to stderr, one line per event.
 * Runs until killed; exits 1 when the server refuses the client for good.
 */
@Command(name = "listen",
        description = {
                "Print the messages pushed to a client, until killed.",
                "One JSON object per message on stdout:",
                "  {\"seq\":..,\"id\":..,\"redelivered\":..,\"meta\":{..},\"payload\":\"..\"}",
                "The payload is text when its content type is textual and it is valid UTF-8, otherwise base64"
                        + " followed by \"encoding\":\"base64\". Each message is acknowledged once printed. A lost"
                        + " session is followed by a new one, after a random wait that doubles with each failed"
                        + " attempt (at most 5 min), which resumes after the last message printed. Each connection,"
                        + " loss and refusal is a line on stderr.",
                "Exit status 1 when the server refuses the client for good: 401 (bad token; tried once more"
                        + " with --secret or --token-command), 400 or 409."})
final class ListenCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectOptions connect;

    @Option(names = "--last-seq", paramLabel = "N", converter = NonNegativeNumber.class,
            description = "the highest seq already processed: only later messages come")
    private Long lastSeq;

    @Option(names = "--state", paramLabel = "FILE",
            description = "keeps the last seq in FILE, so that a restarted listen resumes too (not with --last-seq)")
    private String state;

    @Option(names = "--topics", paramLabel = "TOPIC", split = ",",
            description = "subscribe the session to these topics: 1-128 characters of A-Z a-z 0-9 . _ : @ / -"
                    + " each, at most 64")
    private String[] topics = {};

    ListenCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PushClient.Builder builder = connect.builder();
        Optional<Path> stateFile = stateFile();
        if (stateFile.isPresent() && lastSeq != null) {
            throw new ParameterException(spec.commandLine(), "give --last-seq or --state, not both (to start a"
                    + " state file at a seq, write the number into it)");
        }
        stateFile.ifPresent(file -> builder.lastSeqStore(new FileLastSeqStore(file)));
        if (lastSeq != null) {
            builder.lastSeq(lastSeq);
        }
        try {
            builder.topics(topics);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--topics " + e.getMessage());
        }
        // Fails with what stops the client: a final refusal, or a state file that cannot be read.
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        PrintStream err = terminal.err();
        builder.reconnect(ReconnectPolicy.STANDARD)
                .listener(new Printer(terminal.out(), err, connect.clientId(), stopped));
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

    private Optional<Path> stateFile() {
        if (state == null) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(state).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "--state '" + state + "' is not a file name: "
                    + e.getMessage());
        }
        if (!Files.isDirectory(file.getParent())) {
            throw new ParameterException(spec.commandLine(), "--state '" + state + "': the directory "
                    + file.getParent() + " does not exist");
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
            err.println("connected to " + session.server() + " as " + clientId + " over " + session.transport()
                    + ", push session " + session.id() + ", heartbeat " + session.heartbeatSeconds() + " s");
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
