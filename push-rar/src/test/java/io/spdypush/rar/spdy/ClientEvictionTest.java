package io.spdypush.rar.spdy;

import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** The server forgets client ids it holds nothing for, so ever new ids do not grow it without bound. */
class ClientEvictionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final PushServer server = TestServers.start(TestServers.config());

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void forgetsEveryClientWhoseSessionEndsWithNothingPending() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (PushClient client = TestServers.client(server, "device-" + i).listener(message -> { }).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        assertThat(await(server::clientCount, 0), is(0));
    }

    @Test
    void keepsAClientWithMessagesPendingUntilTheyAreAcknowledged() throws Exception {
        long seq = server.send(PushMessage.to("device-1").text("kept")).get(0).seq();
        server.send(PushMessage.to("device-2").text("kept too"));
        assertThat(server.clientCount(), is(2));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = TestServers.client(server, "device-1").autoAck(false).listener(received::add)
                .build()) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            client.ack(seq).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat("device-2 still has a message", await(server::clientCount, 1), is(1));
    }

    @Test
    void dropsTheExpiredMessagesOfAnOfflineClientAndForgetsIt() throws Exception {
        BlockingQueue<Expiration> expirations = new LinkedBlockingQueue<>();
        PushServer withEvents = TestServers.start(TestServers.config(), new PushListener() {
            @Override
            public void onExpired(Expiration expiration) {
                expirations.add(expiration);
            }
        });
        try {
            String messageId = withEvents.send(PushMessage.to("device-1").text("soon gone").ttl(Duration.ofMillis(50)))
                    .get(0).messageId();
            Thread.sleep(100);

            withEvents.expireOffline();

            assertThat(withEvents.clientCount(), is(0));
            assertThat(withEvents.status().pendingMessages(), is(0L));
            assertThat(expirations.poll(), is(new Expiration("device-1", List.of(messageId))));
        } finally {
            withEvents.stop();
        }
    }

    @Test
    void aSendRefusedToNewClientIdsLeavesNothingBehind() {
        List<String> clientIds = IntStream.range(0, 1000).mapToObj(i -> "new-" + i).toList();
        server.send(PushMessage.to(clientIds).bytes("application/octet-stream", new byte[2 * 1024 * 1024]));
        assertThat(server.clientCount(), is(0));
    }

    @Test
    void aClientForgottenAndBackGetsHigherSeqs() throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long seq = server.send(PushMessage.to("device-1").text("m" + i)).get(0).seq();
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = TestServers.client(server, "device-1").listener(received::add).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS).seq(), is(seq));
            }
            assertThat("forgotten", await(server::clientCount, 0), is(0));
            seqs.add(seq);
        }
        assertThat(seqs.get(1), greaterThan(seqs.get(0)));
        assertThat(seqs.get(2), greaterThan(seqs.get(1)));
    }

    /** The figure once it reaches {@code expected}, or what it is when the wait is over. */
    private static int await(IntSupplier figure, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (figure.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return figure.getAsInt();
    }
}
