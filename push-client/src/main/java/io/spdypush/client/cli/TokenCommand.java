package io.spdypush.client.cli;

import io.spdypush.protocol.Tokens;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code token}: prints a token for a client id, signed with the server's secret (docs/PROTOCOL.md §7). */
@Command(name = "token",
        description = {
                "Print a token for a client id, signed with the server's token secret.",
                "For listen --token, or another client."})
final class TokenCommand implements Callable<Integer> {

    static final long DEFAULT_TTL_SECONDS = 3600;

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "the client id")
    private String clientId;

    @Option(names = "--secret", required = true, paramLabel = "S", description = "the server's token secret")
    private String secret;

    @Option(names = "--ttl", paramLabel = "SECONDS", converter = NonNegativeNumber.class,
            description = "how long the token is valid (default " + DEFAULT_TTL_SECONDS + ")")
    private long ttl = DEFAULT_TTL_SECONDS;

    /** Accepted and ignored, so that a script may pass the same --server, --tls and --transport to every command. */
    @Option(names = "--server", hidden = true)
    private String server;

    @Option(names = "--tls", hidden = true)
    private boolean tls;

    @Option(names = "--transport", hidden = true)
    private String transport;

    TokenCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (ttl == 0) {
            throw new ParameterException(spec.commandLine(), "--ttl must be at least 1 second");
        }
        try {
            terminal.out().println(Tokens.mint(secret, clientId, Instant.now().getEpochSecond() + ttl));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return PushCli.EXIT_OK;
    }
}
