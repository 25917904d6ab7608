package io.spdypush.rar.spdy;

import io.spdypush.client.PushClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A push server on a loopback port for each test ({@code @RegisterExtension}), started with
 * {@link TestServers#config()} unless the test restarts it otherwise, and the SDK clients the test connects to
 * it: all closed after the test, clients first.
 */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {

    private static final long CONNECT_SECONDS = 10;

    private final List<PushClient> clients = new ArrayList<>();
    private PushServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = TestServers.start(TestServers.config());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(PushClient::close);
        clients.clear();
        server.stop();
    }

    PushServer server() {
        return server;
    }

    /** Stops the server (a second stop does nothing) and starts the one {@code start} makes in its place. */
    PushServer restart(Supplier<PushServer> start) {
        server.stop();
        server = start.get();
        return server;
    }

    /** Builds the client, connects it and closes it after the test. */
    PushClient connect(PushClient.Builder builder) throws Exception {
        PushClient client = closeAfter(builder.build());
        client.connect().get(CONNECT_SECONDS, TimeUnit.SECONDS);
        return client;
    }

    /** Closes the client after the test. */
    PushClient closeAfter(PushClient client) {
        clients.add(client);
        return client;
    }
}
