package io.spdypush.rar.spdy;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.client.ServerAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The Java client given several servers (the nodes of a cluster): its first connection goes to one of them at
 * random, and each later one to the next, so that a client whose server is gone, or never answered, reaches
 * another.
 */
class ServerListTest {

    private static final long WAIT_SECONDS = 10;
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(200));

    private final List<PushServer> servers = new ArrayList<>();
    private final List<PushClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        servers.forEach(PushServer::stop);
    }

    @Test
    void aClientReachesTheServerThatListensWhateverItTriesFirst() throws Exception {
        PushServer listening = start();
        List<ServerAddress> list = List.of(new ServerAddress("127.0.0.1", closedPort()), address(listening));
        for (int i = 0; i < 4; i++) {
            PushClient client = client(list, "device-" + i, new LinkedBlockingQueue<>());
            PushSession session = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(session.server(), is(address(listening)));
        }
    }

    @Test
    void firstConnectionsSpreadOverTheServers() throws Exception {
        PushServer one = start();
        PushServer other = start();
        Set<ServerAddress> reached = new HashSet<>();
        for (int i = 0; i < 40 && reached.size() < 2; i++) {
            PushClient client = client(List.of(address(one), address(other)), "spread-" + i,
                    new LinkedBlockingQueue<>());
            reached.add(client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS).server());
        }
        assertThat("both servers got first connections", reached.size(), is(2));
    }

    @Test
    void aClientWhoseServerStopsReconnectsToTheNext() throws Exception {
        PushServer one = start();
        PushServer other = start();
        BlockingQueue<PushSession> sessions = new LinkedBlockingQueue<>();
        PushClient client = client(List.of(address(one), address(other)), "moving", sessions);
        PushSession first = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS), is(first));

        (first.server().equals(address(one)) ? one : other).stop();
        PushSession next = sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(next.server(), not(first.server()));
    }

    private PushServer start() {
        PushServer server = TestServers.start(TestServers.config());
        servers.add(server);
        return server;
    }

    private static ServerAddress address(PushServer server) {
        return new ServerAddress("127.0.0.1", server.port());
    }

    /** A client of the servers that reconnects quickly and puts each session it opens in {@code sessions}. */
    private PushClient client(List<ServerAddress> list, String clientId, BlockingQueue<PushSession> sessions) {
        PushClient client = TestServers.client(servers.get(0), clientId).servers(list).reconnect(QUICK)
                .listener(new PushListener() {
                    @Override
                    public void onMessage(ReceivedMessage message) {
                    }

                    @Override
                    public void onConnected(PushSession session) {
                        sessions.add(session);
                    }
                }).build();
        clients.add(client);
        return client;
    }

    /** A port nothing listens on: bound, then closed at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
