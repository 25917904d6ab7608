package io.spdypush.rar.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import io.spdypush.api.Delivery;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each memory pool has a cap: new work that would take it over is refused with a reason naming the setting, what
 * was accepted is kept, and the room freed is used again.
 */
class MemoryPoolCapsTest {

    private static final int MiB = 1024 * 1024;
    private static final byte[] PAYLOAD = new byte[900 * 1024];

    private final List<PushClient> clients = new ArrayList<>();
    private PushServer server;

    @AfterEach
    void stop() {
        clients.forEach(PushClient::close);
        server.stop();
    }

    @Test
    void aMessageToOneClientOverTheMessagePoolsCapIsRefusedAndNothingOfItKept() {
        start(TestServers.POOL_CAP, TestServers.POOL_CAP, TestServers.POOL_CAP, 2L * MiB);
        assertThat(send("device-1").status(), is(Delivery.Status.ACCEPTED));
        assertThat(send("device-2").status(), is(Delivery.Status.ACCEPTED));

        Delivery refused = send("device-3");

        assertThat(refused.status(), is(Delivery.Status.REFUSED));
        assertThat(refused.reason(), is("the message memory pool holds " + pool("message").liveBytes()
                + " bytes, at its cap of " + 2 * MiB + " (messagePoolMaxBytes)"));
        assertThat(server.status().messages().refused().get("memory-pool-full"), is(1L));
        assertThat(pool("message").refused(), is(1L));
        assertThat(server.status().pendingMessages(), is(2L));
    }

    @Test
    void aMessageToManyOverTheServerPoolsCapIsRefusedForEveryRecipient() {
        start(MiB, TestServers.POOL_CAP, TestServers.POOL_CAP, TestServers.POOL_CAP);
        List<String> everyone = List.of("a", "b", "c");
        assertThat(statuses(server.send(PushMessage.to(everyone).bytes("application/octet-stream", PAYLOAD))),
                is(List.of(Delivery.Status.ACCEPTED)));

        List<Delivery> refused = server.send(PushMessage.to(everyone).bytes("application/octet-stream", PAYLOAD));

        assertThat(statuses(refused), is(List.of(Delivery.Status.REFUSED)));
        assertThat(refused.get(0).reason().endsWith("(serverPoolMaxBytes)"), is(true));
        assertThat(server.status().messages().refused().get("memory-pool-full"), is(3L));
        assertThat("the message pool is not touched", pool("message").buffers(), is(0L));
    }

    @Test
    void aNewPushStreamWhileTheSessionPoolIsAtItsCapGets503AndConnectsOnceThereIsRoom() throws Exception {
        start(TestServers.POOL_CAP, 4096, TestServers.POOL_CAP, TestServers.POOL_CAP);
        ByteBuf heldBySessionsWriting = server.pools().session().buffer(4096);

        PushClient refused = client("device-1");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> refused.connect().get(5, TimeUnit.SECONDS));
        assertThat(e.getCause(), instanceOf(PushRefusedException.class));
        assertThat(((PushRefusedException) e.getCause()).status(), is(503));
        assertThat(pool("session").refused(), is(1L));

        heldBySessionsWriting.release();
        client("device-1").connect().get(5, TimeUnit.SECONDS);
        assertThat(server.status().sessionsOnline(), is(1));
    }

    @Test
    void arraysFreedByAcknowledgedMessagesAreReusedByTheNextOnes() throws Exception {
        start(TestServers.POOL_CAP, TestServers.POOL_CAP, TestServers.POOL_CAP, TestServers.POOL_CAP);
        List<ReceivedMessage> received = Collections.synchronizedList(new ArrayList<>());
        PushClient receiving = TestServers.client(server, "device-1").listener(received::add).build();
        clients.add(receiving);
        receiving.connect().get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 50; i++) {
            server.send(PushMessage.to("device-1").text("message " + i));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.status().pendingMessages() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }

        assertThat(received.size(), is(50));
        MemoryPoolStats messages = pool("message");
        assertThat(messages.buffers(), is(50L));
        assertThat("each message after the first reused the array of an acknowledged one: " + messages,
                messages.reused(), is(49L));
        assertThat(messages.liveBytes(), is(0L));
    }

    @Test
    void capsThatTheJvmsDirectMemoryCouldNotHoldAreWarnedOfAtStart() {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(PushServer.class.getName());
        log.addHandler(capture);
        try {
            long direct = PlatformDependent.maxDirectMemory();
            start(direct / 4, direct / 4, direct / 4, direct / 4);
            assertThat(warnings.stream().anyMatch(line -> line.startsWith("The memory pools' caps add up to "
                    + (direct >> 20) + " MiB, more than half of the " + (direct >> 20) + " MiB of direct memory")),
                    is(true));
        } finally {
            log.removeHandler(capture);
        }
    }

    private void start(long serverCap, long sessionCap, long streamCap, long messageCap) {
        server = TestServers.start(TestServers.poolCaps(TestServers.outbox(5, 8L * MiB), serverCap, sessionCap,
                streamCap, messageCap));
    }

    private Delivery send(String clientId) {
        return server.send(PushMessage.to(clientId).bytes("application/octet-stream", PAYLOAD)).get(0);
    }

    private PushClient client(String clientId) {
        PushClient client = TestServers.client(server, clientId).listener(message -> { }).build();
        clients.add(client);
        return client;
    }

    private MemoryPoolStats pool(String name) {
        return server.status().memoryPools().stream().filter(pool -> pool.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<Delivery.Status> statuses(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::status).distinct().toList();
    }
}
