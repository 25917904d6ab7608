package io.spdypush.rar.spdy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.PushListener;
import io.spdypush.client.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that fail while messages flow, against the real server on one event loop: a client that dies without a
 * word (its connection reset mid-stream, as when its process is killed) gets what it had not acknowledged on its
 * next session, flagged as redelivered; a client that reads slowly holds up no one else and loses nothing.
 */
class FaultToleranceTest {

    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PushServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void messagesNotAcknowledgedByAClientKilledMidStreamAreRedeliveredToItsNextSession() throws Exception {
        server = TestServers.start(TestServers.outbox(1000, 64L * 1024 * 1024));
        CuttingProxy proxy = closeLater(new CuttingProxy(server.port()));
        List<ReceivedMessage> first = new ArrayList<>();
        PushClient dying = closeLater(TestServers.client(server, "device-1")
                .server("127.0.0.1", proxy.port()).autoAck(false).listener(record(first)).build());
        dying.connect().get(10, TimeUnit.SECONDS);
        List<Long> accepted = send("device-1", 10);
        await(() -> count(first) == 10);
        long acknowledged = dying.ack(accepted.get(4)).get(10, TimeUnit.SECONDS);

        Thread sender = new Thread(() -> accepted.addAll(send("device-1", 200)), "sender");
        sender.start();
        await(() -> count(first) >= 30);
        proxy.cut();
        dying.close();
        sender.join(GIVE_UP.toMillis());

        List<ReceivedMessage> next = new ArrayList<>();
        closeLater(TestServers.client(server, "device-1").listener(record(next)).build())
                .connect().get(10, TimeUnit.SECONDS);
        List<Long> due = accepted.stream().filter(seq -> seq > acknowledged).toList();
        await(() -> count(next) >= due.size());

        List<Long> receivedUnacknowledged;
        synchronized (first) {
            receivedUnacknowledged = first.stream().map(ReceivedMessage::seq).filter(seq -> seq > acknowledged)
                    .toList();
        }
        synchronized (next) {
            assertThat("every message after the acknowledged one, once and in order",
                    next.stream().map(ReceivedMessage::seq).toList(), is(due));
            assertThat(receivedUnacknowledged, is(not(empty())));
            assertThat("what the killed client had but did not acknowledge comes again, flagged",
                    next.stream().filter(message -> receivedUnacknowledged.contains(message.seq()))
                            .map(ReceivedMessage::redelivered).toList(), everyItem(is(true)));
        }
    }

    @Test
    void aSlowConsumerDoesNotSlowOtherClientsAndLosesNothing() throws Exception {
        server = TestServers.start(TestServers.outbox(1000, 64L * 1024 * 1024));
        List<ReceivedMessage> slowReceived = new ArrayList<>();
        List<ReceivedMessage> fastReceived = new ArrayList<>();
        // The listener runs on the client's event loop: sleeping there is a client that reads slowly.
        closeLater(TestServers.client(server, "slow").listener(message -> {
            record(slowReceived).onMessage(message);
            sleep(Duration.ofMillis(20));
        }).build()).connect().get(10, TimeUnit.SECONDS);
        closeLater(TestServers.client(server, "fast").listener(record(fastReceived)).build())
                .connect().get(10, TimeUnit.SECONDS);

        byte[] payload = new byte[32 * 1024];
        Map<String, List<Long>> accepted = new ConcurrentHashMap<>(Map.of("slow", new ArrayList<>(),
                "fast", new ArrayList<>()));
        for (int i = 0; i < 150; i++) {
            for (String clientId : List.of("slow", "fast")) {
                Delivery delivery = server.send(PushMessage.to(clientId).bytes("application/octet-stream", payload))
                        .get(0);
                assertThat(delivery.reason(), delivery.isAccepted(), is(true));
                accepted.get(clientId).add(delivery.seq());
            }
        }
        await(() -> count(fastReceived) == 150, () -> "fast " + count(fastReceived) + ", slow "
                + count(slowReceived));
        int slowWhenFastWasDone = count(slowReceived);
        await(() -> count(slowReceived) == 150);

        assertThat("the slow client had read less than half when the fast one had everything",
                slowWhenFastWasDone, lessThan(75));
        assertThat(seqs(fastReceived), is(accepted.get("fast")));
        assertThat("the slow client got everything, once and in order", seqs(slowReceived),
                is(accepted.get("slow")));
    }

    private List<Long> send(String clientId, int count) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = server.send(PushMessage.to(clientId).text("message " + i)).get(0);
            assertThat(delivery.reason(), delivery.isAccepted(), is(true));
            seqs.add(delivery.seq());
        }
        return seqs;
    }

    private static PushListener record(List<ReceivedMessage> received) {
        return message -> {
            synchronized (received) {
                received.add(message);
            }
        };
    }

    private static int count(List<ReceivedMessage> received) {
        synchronized (received) {
            return received.size();
        }
    }

    private static List<Long> seqs(List<ReceivedMessage> received) {
        synchronized (received) {
            return received.stream().map(ReceivedMessage::seq).toList();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    private static void await(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + GIVE_UP.toSeconds() + " s " + state.get());
            }
            Thread.sleep(5);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
