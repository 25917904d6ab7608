package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.ServerAddress;
import io.spdypush.protocol.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The options of every command that connects: {@code --server HOST:PORT[,HOST:PORT...] --client-id ID
 * (--token T | --secret S | --token-command CMD) [--tls]}, turned into a {@link PushClient.Builder}. With
 * {@code --secret} the client mints itself a token before each connection, and with {@code --token-command} it
 * runs the command for one, so that a client that reconnects for days never offers an expired token.
 */
final class ConnectOptions {

    static final Set<String> SWITCHES = Set.of("--tls");
    private static final Set<String> OPTIONS = Set.of("--server", "--client-id", "--token", "--secret",
            "--token-command");
    private static final long MINTED_TOKEN_TTL_SECONDS = 3600;
    /** How long a token command may take. */
    private static final long TOKEN_COMMAND_TIMEOUT_SECONDS = 30;

    private ConnectOptions() {
    }

    /** The options that take a value: these and the command's own. */
    static Set<String> optionsAnd(String... commandOptions) {
        return Stream.concat(OPTIONS.stream(), Stream.of(commandOptions)).collect(Collectors.toUnmodifiableSet());
    }

    /** A builder with the server, the client id, the token (or where to get one) and TLS set; the command adds the rest. */
    static PushClient.Builder builder(Arguments arguments) throws UsageException {
        List<ServerAddress> servers = arguments.servers("--server");
        String clientId = arguments.required("--client-id");
        Optional<String> token = arguments.optional("--token");
        Optional<String> secret = arguments.optional("--secret");
        Optional<String> command = arguments.optional("--token-command");
        if (Stream.of(token, secret, command).filter(Optional::isPresent).count() != 1) {
            throw new UsageException("give exactly one of --token, --secret and --token-command");
        }
        try {
            PushClient.Builder builder = PushClient.builder()
                    .servers(servers)
                    .clientId(clientId)
                    .tls(arguments.flag("--tls"));
            if (token.isPresent()) {
                return builder.token(token.get());
            }
            if (secret.isPresent()) {
                mint(secret.get(), clientId); // a secret that cannot sign is a usage error now, not at each connect
                return builder.tokenProvider(() -> mint(secret.get(), clientId));
            }
            return builder.tokenProvider(() -> run(command.get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String mint(String secret, String clientId) {
        return Tokens.mint(secret, clientId, Instant.now().getEpochSecond() + MINTED_TOKEN_TTL_SECONDS);
    }

    /** What the shell command prints, trimmed: the token. */
    private static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        // A token is far shorter than the pipe's buffer, so the command never waits for it to be read.
        if (!process.waitFor(TOKEN_COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("--token-command did not finish within " + TOKEN_COMMAND_TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException("--token-command exited with " + process.exitValue());
        }
        if (output.isEmpty()) {
            throw new IOException("--token-command printed no token");
        }
        return output;
    }
}
