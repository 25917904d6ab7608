package io.spdypush.client.cli;

import io.spdypush.client.PushClient;
import io.spdypush.client.ServerAddress;
import io.spdypush.protocol.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The options of every command that connects: {@code --server HOST:PORT[,HOST:PORT...] --client-id ID
 * (--token T | --secret S)
 * [--tls]}, turned into a {@link PushClient.Builder}.
 */
final class ConnectOptions {

    static final Set<String> SWITCHES = Set.of("--tls");
    private static final Set<String> OPTIONS = Set.of("--server", "--client-id", "--token", "--secret");
    private static final long MINTED_TOKEN_TTL_SECONDS = 3600;

    private ConnectOptions() {
    }

    /** The options that take a value: these and the command's own. */
    static Set<String> optionsAnd(String... commandOptions) {
        return Stream.concat(OPTIONS.stream(), Stream.of(commandOptions)).collect(Collectors.toUnmodifiableSet());
    }

    /** A builder with the server, the client id, the token and TLS set; the command adds the rest. */
    static PushClient.Builder builder(Arguments arguments) throws UsageException {
        List<ServerAddress> servers = arguments.servers("--server");
        String clientId = arguments.required("--client-id");
        String token = token(arguments, clientId);
        try {
            return PushClient.builder()
                    .servers(servers)
                    .clientId(clientId)
                    .token(token)
                    .tls(arguments.flag("--tls"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
}
