package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.ServerAddress;
import io.spdypush.client.Transport;
import io.spdypush.protocol.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that connects: {@code --server HOST:PORT[,HOST:PORT...] --client-id ID
 * (--token T | --secret S | --token-command CMD) [--tls] [--transport spdy|h2|http1|auto]}, turned into a
 * {@link PushClient.Builder}. With
 * {@code --secret} the client mints itself a token before each connection, and with {@code --token-command} it
 * runs the command for one, so that a client that reconnects for days never offers an expired token.
 */
final class ConnectOptions {

    private static final long MINTED_TOKEN_TTL_SECONDS = 3600;
    /** How long a token command may take. */
    private static final long TOKEN_COMMAND_TIMEOUT_SECONDS = 30;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "the server, or the nodes of a cluster, tried one per attempt in a random order of this"
                    + " client's; an IPv6 host in brackets")
    private String servers;

    @Option(names = "--client-id", required = true, paramLabel = "ID",
            description = "the client id: 1-128 characters of A-Z a-z 0-9 . _ : @ -")
    private String clientId;

    @ArgGroup(multiplicity = "1", heading = "%nThe token, exactly one of:%n")
    private Credentials credentials;

    @Option(names = "--tls", description = "TLS, offering the transport's protocols by ALPN, the server checked against"
            + " the JVM's trust store")
    private boolean tls;

    @Option(names = "--transport", paramLabel = "spdy|h2|http1|auto", converter = TransportName.class,
            description = "spdy (SPDY/3.1, the default), h2 (HTTP/2), http1 (HTTP/1.1: each ack and request on a"
                    + " connection of its own) or auto (with --tls, whichever of the three the server picks; else"
                    + " spdy)")
    private Transport transport = Transport.SPDY;

    /** Exactly one of them. */
    private static final class Credentials {

        @Option(names = "--token", paramLabel = "T", description = "the token (docs/PROTOCOL.md §7)")
        private String token;

        @Option(names = "--secret", paramLabel = "S",
                description = "the server's token secret: a token valid for an hour is minted before each connection")
        private String secret;

        @Option(names = "--token-command", paramLabel = "CMD",
                description = "run with sh -c before each connection, what it prints is the token (it may take 30 s)")
        private String tokenCommand;
    }

    String clientId() {
        return clientId;
    }

    /**
     * A builder with the server, the client id, the token (or where to get one), the transport and TLS set; the
     * command adds the rest.
     */
    PushClient.Builder builder() {
        List<ServerAddress> addresses;
        try {
            addresses = ServerAddress.parseList(servers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--server " + e.getMessage());
        }
        try {
            PushClient.Builder builder = PushClient.builder()
                    .servers(addresses)
                    .clientId(clientId)
                    .transport(transport)
                    .tls(tls);
            if (credentials.token != null) {
                return builder.token(credentials.token);
            }
            if (credentials.secret != null) {
                String secret = credentials.secret;
                mint(secret, clientId); // a secret that cannot sign is a usage error now, not at each connect
                return builder.tokenProvider(() -> mint(secret, clientId));
            }
            String tokenCommand = credentials.tokenCommand;
            return builder.tokenProvider(() -> run(tokenCommand));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
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
