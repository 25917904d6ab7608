package io.spdypush.bench.fault;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.ReconnectPolicy;
import io.spdypush.protocol.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The SDK clients of a fault run, as an app would hold them: reconnecting, resuming after the last seq they
 * processed, acknowledging what they received (auto-ack), and booking each message id they were given.
 */
final class Receivers implements AutoCloseable {

    /**
     * Shorter than the SDK's standard (1 s, doubling up to 5 min), so that clients are back soon after each
     * restart and a long run spends its time crashing the server, not waiting.
     */
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<String> clientIds;
    private final List<PushClient> clients = new ArrayList<>();

    Receivers(int count, String runId) {
        this.clientIds = IntStream.range(0, count).mapToObj(i -> "fault-" + runId + "-" + i).toList();
    }

    List<String> clientIds() {
        return clientIds;
    }

    void connect(int spdyPort, String tokenSecret, Deliveries deliveries) {
        long expiry = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
        for (String clientId : clientIds) {
            PushClient client = PushClient.builder()
                    .server("127.0.0.1", spdyPort)
                    .clientId(clientId)
                    .token(Tokens.mint(tokenSecret, clientId, expiry))
                    .reconnect(QUICK)
                    .eventLoopGroup(group)
                    .listener((ReceivedMessage message) -> deliveries.received(message.id()))
                    .build();
            clients.add(client);
            client.connect();
        }
    }

    @Override
    public void close() {
        clients.forEach(PushClient::close);
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5_000);
    }
}
