package io.spdypush.client.cli;

import io.spdypush.protocol.Tokens;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

/** {@code token}: prints a token for a client id, signed with the server's secret (docs/PROTOCOL.md §7). */
final class TokenCommand {

    static final long DEFAULT_TTL_SECONDS = 3600;
    /** --server and --tls are accepted and ignored, so that a script may pass the same ones to every command. */
    static final Set<String> OPTIONS = Set.of("--client-id", "--secret", "--ttl", "--server");
    static final Set<String> SWITCHES = Set.of("--tls");

    private TokenCommand() {
    }

    static int run(Arguments arguments, PrintStream out) throws UsageException {
        String clientId = arguments.required("--client-id");
        String secret = arguments.required("--secret");
        long ttl = arguments.number("--ttl", DEFAULT_TTL_SECONDS);
        if (ttl == 0) {
            throw new UsageException("--ttl must be at least 1 second");
        }
        try {
            out.println(Tokens.mint(secret, clientId, Instant.now().getEpochSecond() + ttl));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return PushCli.EXIT_OK;
    }
}
