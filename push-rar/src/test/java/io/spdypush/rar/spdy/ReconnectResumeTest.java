package io.spdypush.rar.spdy;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.protocol.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.spdypush.rar.spdy.TestServers.SECRET;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * The real client against the real server, through a proxy that cuts the connection at random moments while
 * messages flow: the client reconnects, resumes with push-last-seq (docs/PROTOCOL.md §2, §8), and gets every message
 * once and in order.
 */
class ReconnectResumeTest {

    private static final int MESSAGES = 300;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private PushServer server;
    private CuttingProxy proxy;
    private PushClient client;

    @BeforeEach
    void start() throws IOException {
        server = TestServers.start(TestServers.config());
        proxy = new CuttingProxy(server.port());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        proxy.close();
        server.stop();
    }

    @Test
    void everyMessageArrivesOnceAndInOrderThoughTheConnectionIsCutAtRandom() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Long> received = new ArrayList<>();
        client = PushClient.builder().server("127.0.0.1", proxy.port()).clientId("device-1")
                .token(Tokens.mint(SECRET, "device-1", Instant.now().plus(GIVE_UP.multipliedBy(2)).getEpochSecond()))
                .reconnect(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50)))
                .listener(message -> {
                    synchronized (received) {
                        received.add(message.seq());
                    }
                })
                .build();
        client.connect().get(10, TimeUnit.SECONDS);
        List<Long> accepted = new ArrayList<>();
        Thread sender = new Thread(() -> accepted.addAll(sendAll()), "sender");
        sender.start();

        int cuts = 0;
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (count(received) < MESSAGES && System.nanoTime() < deadline) {
            int before = count(received);
            while (count(received) == before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(20));
            if (count(received) < MESSAGES) {
                proxy.cut();
                cuts++;
            }
        }
        sender.join(GIVE_UP.toMillis());

        synchronized (received) {
            assertThat("seed " + seed, received, is(accepted));
        }
        assertThat("seed " + seed + ": cut often enough to mean something", cuts, greaterThanOrEqualTo(5));
    }

    /** Sends the messages one by one, waiting while the client's outbox is full; returns their seqs in order. */
    private List<Long> sendAll() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            Delivery delivery;
            while (!(delivery = server.send(PushMessage.to("device-1").text("message " + i)).get(0)).isAccepted()) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return seqs;
                }
            }
            seqs.add(delivery.seq());
        }
        return seqs;
    }

    private static int count(List<Long> received) {
        synchronized (received) {
            return received.size();
        }
    }
}
