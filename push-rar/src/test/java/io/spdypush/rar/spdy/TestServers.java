package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.ssl.SslContext;
import io.spdypush.api.PushListener;
import io.spdypush.client.PushClient;
import io.spdypush.protocol.Tokens;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.token.TokenSigner;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

import static io.spdypush.rar.spdy.RawSpdyConnection.synStream;

/** Push servers on a free loopback port for tests, with a known token secret. */
final class TestServers {

    static final String SECRET = "test-secret-of-at-least-32-bytes";
    static final TokenSigner TOKENS = new TokenSigner(SECRET, Duration.ofDays(1));
    /** outboxMaxTotalBytes: 64 MiB, eight outboxes of the test configuration. */
    static final long OUTBOX_MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /** The cap of each memory pool in the test configurations. */
    static final long POOL_CAP = 64L * 1024 * 1024;
    /** A listener that overrides nothing: the server's events go nowhere. */
    static final PushListener EVENTS_IGNORED = new PushListener() {
    };
    private static final Executor THREAD_PER_LOOP = task -> new Thread(task, "test-spdy-loop").start();

    private TestServers() {
    }

    /** The test configuration: outboxes of 5 messages, 1 MiB payloads, the given liveness timers. */
    static ServerConfig config(Duration heartbeatServer, Duration heartbeatTimeout, Duration pushStreamTimeout) {
        return new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(60), heartbeatServer, heartbeatTimeout,
                pushStreamTimeout, 100, 16384, 1024 * 1024, 5, 8L * 1024 * 1024, Duration.ofSeconds(1), 1,
                100, 1024 * 1024, Duration.ofSeconds(5), 16, 50, Duration.ofSeconds(30), 1000, "",
                POOL_CAP, POOL_CAP, POOL_CAP, POOL_CAP, true);
    }

    /**
     * The test configuration with outboxes of the given size and the default frame budget (500 a second, which a
     * client acknowledging a stream of messages needs), for tests that keep many messages flowing.
     */
    static ServerConfig outbox(int maxMessages, long maxBytes) {
        return new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(60), Duration.ofSeconds(90),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 100, 16384, 1024 * 1024, maxMessages, maxBytes,
                Duration.ofSeconds(1), 1, 100, 1024 * 1024, Duration.ofSeconds(5), 16, 500, Duration.ofSeconds(30), 1000, "",
                POOL_CAP, POOL_CAP, POOL_CAP, POOL_CAP, true);
    }

    /** The test configuration with the limits of docs/PROTOCOL.md §4 that tests push against. */
    static ServerConfig limits(int maxConcurrentStreams, int maxSessions, int maxRequestBytes,
                               Duration requestTimeout, int maxRequestsInFlight, int maxFramesPerSecond) {
        return new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(60), Duration.ofSeconds(90),
                Duration.ofSeconds(10), Duration.ofSeconds(10), maxConcurrentStreams, 16384, 1024 * 1024, 5,
                8L * 1024 * 1024, Duration.ofSeconds(1), 1, maxSessions, maxRequestBytes, requestTimeout,
                maxRequestsInFlight, maxFramesPerSecond, Duration.ofSeconds(30), 1000, "",
                POOL_CAP, POOL_CAP, POOL_CAP, POOL_CAP, true);
    }

    /**
     * The test configuration for hostile clients: a shutdown grace of 5 s, longer than a takeover's, a
     * push stream timeout of five minutes, longer than the attacks, and the limits they push against.
     */
    static ServerConfig hostile(int maxFramesPerSecond, int maxRequestBytes, Duration requestTimeout,
                                Duration writeTimeout) {
        return hostile(maxFramesPerSecond, maxRequestBytes, requestTimeout, writeTimeout, 1000);
    }

    static ServerConfig hostile(int maxFramesPerSecond, int maxRequestBytes, Duration requestTimeout,
                                Duration writeTimeout, int maxConnectionsPerAddress) {
        return new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(60), Duration.ofSeconds(90),
                Duration.ofSeconds(10), Duration.ofMinutes(5), 100, 16384, 1024 * 1024, 5,
                8L * 1024 * 1024, Duration.ofSeconds(5), 1, 100, maxRequestBytes, requestTimeout,
                16, maxFramesPerSecond, writeTimeout, maxConnectionsPerAddress, "",
                POOL_CAP, POOL_CAP, POOL_CAP, POOL_CAP, true);
    }

    /** The test configuration with browsers of these origins allowed (CORS). */
    static ServerConfig allowingOrigins(String allowedOrigins) {
        ServerConfig c = config();
        return new ServerConfig(c.bindAddress(), c.spdyPort(), c.heartbeatClient(), c.heartbeatServer(),
                c.heartbeatTimeout(), c.pushStreamTimeout(), c.maxConcurrentStreams(), c.maxHeaderBytes(),
                c.maxPayloadBytes(), c.outboxMaxMessages(), c.outboxMaxBytes(), c.shutdownGrace(),
                c.eventLoopThreads(), c.maxSessions(), c.maxRequestBytes(), c.requestTimeout(),
                c.maxRequestsInFlight(), c.maxFramesPerSecond(), c.writeTimeout(), c.maxConnectionsPerAddress(),
                allowedOrigins, c.serverPoolMaxBytes(), c.sessionPoolMaxBytes(), c.streamPoolMaxBytes(),
                c.messagePoolMaxBytes(), c.memoryPoolReuse());
    }

    /** The test configuration on a given port. */
    static ServerConfig onPort(int spdyPort) {
        ServerConfig c = config();
        return new ServerConfig(c.bindAddress(), spdyPort, c.heartbeatClient(), c.heartbeatServer(),
                c.heartbeatTimeout(), c.pushStreamTimeout(), c.maxConcurrentStreams(), c.maxHeaderBytes(),
                c.maxPayloadBytes(), c.outboxMaxMessages(), c.outboxMaxBytes(), c.shutdownGrace(),
                c.eventLoopThreads(), c.maxSessions(), c.maxRequestBytes(), c.requestTimeout(),
                c.maxRequestsInFlight(), c.maxFramesPerSecond(), c.writeTimeout(), c.maxConnectionsPerAddress(), c.allowedOrigins(),
                c.serverPoolMaxBytes(), c.sessionPoolMaxBytes(), c.streamPoolMaxBytes(), c.messagePoolMaxBytes(),
                c.memoryPoolReuse());
    }

    /** {@code c} with the given caps of the memory pools. */
    static ServerConfig poolCaps(ServerConfig c, long server, long session, long stream, long message) {
        return new ServerConfig(c.bindAddress(), c.spdyPort(), c.heartbeatClient(), c.heartbeatServer(),
                c.heartbeatTimeout(), c.pushStreamTimeout(), c.maxConcurrentStreams(), c.maxHeaderBytes(),
                c.maxPayloadBytes(), c.outboxMaxMessages(), c.outboxMaxBytes(), c.shutdownGrace(),
                c.eventLoopThreads(), c.maxSessions(), c.maxRequestBytes(), c.requestTimeout(),
                c.maxRequestsInFlight(), c.maxFramesPerSecond(), c.writeTimeout(), c.maxConnectionsPerAddress(),
                c.allowedOrigins(), server, session, stream, message, c.memoryPoolReuse());
    }

    static PushServer start(ServerConfig config) {
        return start(config, (SslContext) null);
    }

    static PushServer start(ServerConfig config, SslContext tls) {
        PushServer server = new PushServer(config, TOKENS, tls, THREAD_PER_LOOP, null, EVENTS_IGNORED,
                OUTBOX_MAX_TOTAL_BYTES);
        server.start();
        return server;
    }

    /** A server that tells {@code events} of acknowledgements, expirations and sessions. */
    static PushServer start(ServerConfig config, PushListener events) {
        PushServer server = new PushServer(config, TOKENS, null, THREAD_PER_LOOP, null, events, OUTBOX_MAX_TOTAL_BYTES);
        server.start();
        return server;
    }

    /** A server that keeps its outboxes in {@code store} from stop to start. */
    static PushServer start(ServerConfig config, OutboxStore store) {
        PushServer server = new PushServer(config, TOKENS, null, THREAD_PER_LOOP, store, EVENTS_IGNORED,
                OUTBOX_MAX_TOTAL_BYTES);
        server.start();
        return server;
    }

    /** A server whose outboxes may hold {@code outboxMaxTotalBytes} together. */
    static PushServer start(ServerConfig config, long outboxMaxTotalBytes) {
        PushServer server = new PushServer(config, TOKENS, null, THREAD_PER_LOOP, null, EVENTS_IGNORED,
                outboxMaxTotalBytes);
        server.start();
        return server;
    }

    static ServerConfig config() {
        return config(Duration.ofSeconds(90), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** A builder of the real client for {@code clientId}, with a valid token, aimed at {@code server}. */
    static PushClient.Builder client(PushServer server, String clientId) {
        return PushClient.builder().server("127.0.0.1", server.port()).clientId(clientId)
                .token(Tokens.mint(SECRET, clientId, Instant.now().plusSeconds(60).getEpochSecond()));
    }

    /** A push stream SYN_STREAM with a valid token for the client. */
    static SpdySynStreamFrame pushStream(int streamId, String clientId) {
        return synStream(streamId, "GET", "/push", true, "push-client", clientId,
                "authorization", "Bearer " + token(clientId));
    }

    /** A token for the client, valid for a minute. */
    static String token(String clientId) {
        Instant now = Instant.now();
        return TOKENS.mint(clientId, now.plusSeconds(60), now);
    }
}
