package io.spdypush.rar.spdy;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** outboxMaxTotalBytes bounds what all outboxes hold together: a message over it is refused, never dropped. */
class OutboxMemoryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long TOTAL = 3L * 1024 * 1024;
    private static final byte[] PAYLOAD = new byte[900 * 1024];

    private final PushServer server = TestServers.start(TestServers.config(), TOTAL);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void refusesAMessageThatWouldTakeAllOutboxesOverTheBoundAndSaysWhy() {
        for (int i = 1; i <= 3; i++) {
            assertThat(send("device-" + i).status(), is(Delivery.Status.ACCEPTED));
        }
        Delivery refused = send("device-4");

        assertThat(refused.status(), is(Delivery.Status.REFUSED));
        assertThat(refused.reason(), containsString("over the limit of " + TOTAL + " bytes (outboxMaxTotalBytes)"));
        assertThat(server.status().messages().refused().get("outbox-memory-full"), is(1L));
        assertThat(server.status().pendingMessages(), is(3L));
        assertThat("nothing of the refused one is kept", server.clientCount(), is(3));
        assertThat(heldBytes(), lessThanOrEqualTo(TOTAL));
    }

    @Test
    void aMessageSharedByManyClientsCountsOnce() {
        List<Delivery> deliveries = server.send(PushMessage.to(List.of("a", "b", "c", "d", "e"))
                .bytes("application/octet-stream", PAYLOAD));
        assertThat(deliveries.stream().map(Delivery::status).distinct().toList(),
                is(List.of(Delivery.Status.ACCEPTED)));
    }

    @Test
    void roomFreedByAnAcknowledgementIsUsedAgain() throws Exception {
        long seq = send("device-1").seq();
        send("device-2");
        send("device-3");
        assertThat(send("device-4").status(), is(Delivery.Status.REFUSED));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = TestServers.client(server, "device-1").autoAck(false).listener(received::add)
                .build()) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            client.ack(seq).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(send("device-4").status(), is(Delivery.Status.ACCEPTED));
    }

    @Test
    void aBoundBelowOnePayloadIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestServers.start(TestServers.config(), 1024));
        assertThat(e.getMessage(), is("outboxMaxTotalBytes 1024 must be at least maxPayloadBytes (1048576)"
                + " (resource adapter config property outboxMaxTotalBytes)"));
    }

    private Delivery send(String clientId) {
        return server.send(PushMessage.to(clientId).bytes("application/octet-stream", PAYLOAD)).get(0);
    }

    private long heldBytes() {
        return server.pools().message().liveBytes() + server.pools().server().liveBytes();
    }
}
