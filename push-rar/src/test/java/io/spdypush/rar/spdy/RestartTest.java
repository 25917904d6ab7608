package io.spdypush.rar.spdy;

import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.rar.outbox.OutboxStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** docs/PROTOCOL.md §2 and §9: seqs and unacknowledged messages survive a stop and a start of the server. */
class RestartTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDirectory;
    private final List<PushClient> clients = new ArrayList<>();
    private PushServer server;

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        server.stop();
    }

    @Test
    void unacknowledgedMessagesAndTheirSeqsSurviveARestart() throws Exception {
        OutboxStore store = new OutboxStore(dataDirectory.resolve("outboxes.bin"));
        server = TestServers.start(TestServers.config(), store);
        BlockingQueue<ReceivedMessage> beforeRestart = new LinkedBlockingQueue<>();
        PushClient first = connect("device-1", beforeRestart, 0);
        long sentOnline = send("device-1", "seen before the restart");
        assertThat(beforeRestart.poll(WAIT.toSeconds(), TimeUnit.SECONDS).seq(), is(sentOnline));
        first.close();
        long acknowledged = send("device-2", "acknowledged");
        long keptForOffline = send("device-2", "kept while offline");
        send("device-3", "expires during the restart", Duration.ofMillis(300));
        BlockingQueue<ReceivedMessage> acker = new LinkedBlockingQueue<>();
        PushClient second = connect("device-2", acker, 0);
        acker.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.ack(acknowledged).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.close();

        server.stop();
        assertThat(Files.exists(store.file()), is(true));
        Thread.sleep(300);
        server = TestServers.start(TestServers.config(), store);
        assertThat("read once, then removed", Files.exists(store.file()), is(false));
        assertThat(server.status().pendingMessages(), is(2L));
        assertThat("no state for device-3, whose message expired", server.clientCount(), is(2));

        BlockingQueue<ReceivedMessage> device1 = new LinkedBlockingQueue<>();
        connect("device-1", device1, 0);
        ReceivedMessage again = device1.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(again.seq(), is(sentOnline));
        assertThat(again.redelivered(), is(true));
        assertThat(again.text(), is("seen before the restart"));
        assertThat("a new message gets a higher seq", send("device-1", "after"), greaterThan(sentOnline));

        BlockingQueue<ReceivedMessage> device2 = new LinkedBlockingQueue<>();
        connect("device-2", device2, acknowledged);
        ReceivedMessage kept = device2.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(List.of(kept.seq(), kept.text()), contains(keptForOffline, "kept while offline"));
        assertThat(device2.poll(200, TimeUnit.MILLISECONDS), nullValue());

        BlockingQueue<ReceivedMessage> device3 = new LinkedBlockingQueue<>();
        connect("device-3", device3, 0);
        assertThat("expired messages are never sent", device3.poll(300, TimeUnit.MILLISECONDS), nullValue());
    }

    @Test
    void aStartThatCannotBindItsPortLeavesTheSavedOutboxesForTheNextStart() throws Exception {
        OutboxStore store = new OutboxStore(dataDirectory.resolve("outboxes.bin"));
        server = TestServers.start(TestServers.config(), store);
        long first = send("device-1", "first");
        long second = send("device-1", "second");
        server.stop();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TestServers.start(TestServers.onPort(taken.getLocalPort()), store));
            assertThat(e.getMessage(), containsString("Cannot listen for SPDY"));
        }
        assertThat("kept for the next start", Files.exists(store.file()), is(true));

        server = TestServers.start(TestServers.config(), store);
        assertThat(server.status().pendingMessages(), is(2L));
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        connect("device-1", received, 0);
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS).seq(), is(first));
        assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS).seq(), is(second));
    }

    @Test
    void aDamagedFileStopsTheStartWithAClearError() throws Exception {
        Path file = dataDirectory.resolve("outboxes.bin");
        Files.write(file, new byte[]{1, 2, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestServers.start(TestServers.config(), new OutboxStore(file)));
        assertThat(e.getMessage().contains("move the file away"), is(true));
        server = TestServers.start(TestServers.config());
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenStopsTheStartNamingTheProperty() throws Exception {
        // A file where the directory should be: no write succeeds there, whoever runs the test (root too).
        Path notADirectory = Files.writeString(dataDirectory.resolve("data"), "a file");
        OutboxStore store = new OutboxStore(notADirectory.resolve("outboxes.bin"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestServers.start(TestServers.config(), store));

        assertThat(e.getMessage(), containsString("Cannot write to the data directory " + notADirectory));
        assertThat(e.getMessage(), containsString("(resource adapter config property dataDirectory)"));
        server = TestServers.start(TestServers.config());
    }

    private long send(String clientId, String text) {
        return server.send(PushMessage.to(clientId).text(text)).get(0).seq();
    }

    private void send(String clientId, String text, Duration ttl) {
        server.send(PushMessage.to(clientId).text(text).ttl(ttl));
    }

    private PushClient connect(String clientId, BlockingQueue<ReceivedMessage> received, long lastSeq)
            throws Exception {
        PushClient.Builder builder = TestServers.client(server, clientId)
                .autoAck(false).listener(received::add);
        if (lastSeq > 0) {
            builder.lastSeq(lastSeq);
        }
        PushClient client = builder.build();
        clients.add(client);
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }
}
