package io.spdypush.client;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestSpdyServer} for each test ({@code @RegisterExtension}), and the clients the test builds against
 * it: all closed after the test, clients first.
 */
final class SpdyServerPerTest implements BeforeEachCallback, AfterEachCallback {

    private final List<PushClient> clients = new ArrayList<>();
    private TestSpdyServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = new TestSpdyServer();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(PushClient::close);
        clients.clear();
        server.close();
    }

    TestSpdyServer server() {
        return server;
    }

    /** Closes the client after the test. */
    PushClient closeAfter(PushClient client) {
        clients.add(client);
        return client;
    }
}
