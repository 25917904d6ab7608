package io.spdypush.rar.spdy;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.client.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.spdypush.rar.spdy.TestServers.SECRET;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * The real client against the real server, through a proxy that cuts the connection at random moments while
 * messages flow: the client reconnects, resumes with push-last-seq (PROTOCOL.md §2, §8), and gets every message
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

    /** A TCP proxy to the server that can cut every connection through it at once, with a reset, as a network can. */
    private static final class CuttingProxy implements AutoCloseable {

        private final ServerSocket listener;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        CuttingProxy(int upstreamPort) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket downstream = listener.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                        open.add(downstream);
                        open.add(upstream);
                        pump(downstream, upstream);
                        pump(upstream, downstream);
                    } catch (IOException e) {
                        // The listener was closed, or the server is gone: the client sees a lost connection.
                    }
                }
            }, "cutting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void cut() {
            open.forEach(CuttingProxy::reset);
        }

        @Override
        public void close() {
            try {
                listener.close();
            } catch (IOException e) {
                // Closing anyway.
            }
            cut();
        }

        private void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, read);
                    }
                } catch (IOException e) {
                    // Cut, or closed by one end: the other end is cut too, below.
                } finally {
                    reset(from);
                    reset(to);
                    open.remove(from);
                    open.remove(to);
                }
            }, "cutting-proxy-pump");
            pump.setDaemon(true);
            pump.start();
        }

        /** Closes with SO_LINGER 0: an RST, not an orderly FIN, wherever the bytes in flight are. */
        private static void reset(Socket socket) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
