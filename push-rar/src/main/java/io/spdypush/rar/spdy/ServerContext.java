package io.spdypush.rar.spdy;

import io.spdypush.api.PushListener;
import io.spdypush.rar.log.OccasionalWarning;
import io.spdypush.rar.outbox.OutboxSizes;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.pool.MemoryPools;
import io.spdypush.rar.statistics.MessageStatistics;
import io.spdypush.rar.token.TokenSigner;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the connection handlers share with the rest of the server: the configuration, the pools, the counters,
 * the clients and the sessions online, the routes of business requests and whether the server is stopping.
 * The handlers get this, never the {@link PushServer} façade.
 */
final class ServerContext {

    private static final Logger LOG = Logger.getLogger(ServerContext.class.getName());

    private final ServerConfig config;
    private final int sessionLimit;
    private final AtomicInteger claimsUnderWay = new AtomicInteger();
    private final TokenSigner tokens;
    private final boolean tls;
    private final PushListener events;
    private final OutboxSizes outboxSizes;
    private final MessageStatistics statistics = new MessageStatistics();
    private final ClientStates clients;
    private final OnlineSessions sessions = new OnlineSessions();
    private final RequestRoutes routes = new RequestRoutes();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final MemoryPools pools;
    private final BadInputCounter badInput = new BadInputCounter();
    private final OccasionalWarning serverFull;
    private final OccasionalWarning claimFailures;
    private final PushStreamOpening pushStreamOpening = new PushStreamOpening(this);
    private final CorsPolicy cors;
    private volatile boolean stopping;
    /** Null while the adapter is no node of a cluster. */
    private volatile ClientClaims claims;

    /**
     * @param events told of acknowledgements, expirations and sessions, on the event loops: it must hand the
     *               work elsewhere at once
     */
    ServerContext(ServerConfig config, TokenSigner tokens, boolean tls, PushListener events) {
        this.config = config;
        this.tokens = tokens;
        this.tls = tls;
        this.events = events;
        this.outboxSizes = new OutboxSizes(config.outboxMaxMessages());
        boolean reuse = config.memoryPoolReuse();
        this.pools = new MemoryPools(new MemoryPool("server", config.serverPoolMaxBytes(), reuse),
                new MemoryPool("session", config.sessionPoolMaxBytes(), reuse),
                new MemoryPool("stream", config.streamPoolMaxBytes(), reuse),
                new MemoryPool("message", config.messagePoolMaxBytes(), reuse));
        this.cors = new CorsPolicy(config.allowedOrigins());
        this.clients = new ClientStates(config, statistics, outboxSizes);
        this.sessionLimit = SessionLimit.of(config.maxSessions());
        this.serverFull = new OccasionalWarning(Logger.getLogger(PushStreamOpening.class.getName()),
                "Refused {0,number,#} push streams since the last such line (at most one a minute), the latest from {1}: "
                        + sessionLimit + " sessions are online or opening, "
                        + (sessionLimit < config.maxSessions() ? "all the process''s file limit leaves room for"
                        : "maxSessions"));
        this.claimFailures = new OccasionalWarning(Logger.getLogger(PushStreamOpening.class.getName()),
                "Refused {0,number,#} push streams with 503 since the last such line (at most one a minute): this node"
                        + " could not be made their client''s home in the cluster, the latest {1}");
    }

    /** Which browser pages may use the push port. */
    CorsPolicy cors() {
        return cors;
    }

    /** Opens push streams, on every transport. */
    PushStreamOpening pushStreamOpening() {
        return pushStreamOpening;
    }

    ServerConfig config() {
        return config;
    }

    TokenSigner.Verdict checkToken(String token, String clientId) {
        return tokens.verify(token, clientId, Instant.now());
    }

    TokenSigner tokens() {
        return tokens;
    }

    boolean isTls() {
        return tls;
    }

    PushListener events() {
        return events;
    }

    OutboxSizes outboxSizes() {
        return outboxSizes;
    }

    MessageStatistics statistics() {
        return statistics;
    }

    ClientStates clients() {
        return clients;
    }

    OnlineSessions sessions() {
        return sessions;
    }

    RequestRoutes routes() {
        return routes;
    }

    MemoryPools pools() {
        return pools;
    }

    BadInputCounter badInput() {
        return badInput;
    }

    /**
     * The client's state, held against eviction until the caller attaches its session or releases it
     * ({@link ClientStates#use}); in a cluster only the state this node holds as the client's home, else null.
     */
    ClientState client(String clientId) {
        return claims == null ? clients.use(clientId) : clients.useExisting(clientId);
    }

    /**
     * From now on this node is one of a cluster: it claims clients with {@code claims} before their sessions, and
     * tells it of the clients it forgot, idle.
     */
    void joinCluster(ClientClaims claims) {
        this.claims = claims;
        clients.onIdleEviction(claims::forgotten);
    }

    /** How this node becomes a client's home, or null when it is no node of a cluster. */
    ClientClaims claims() {
        return claims;
    }

    /** Told of each push stream refused because {@code maxSessions} are online. */
    OccasionalWarning serverFull() {
        return serverFull;
    }

    /** Told of each push stream refused because its client could not be claimed for this node. */
    OccasionalWarning claimFailures() {
        return claimFailures;
    }

    /**
     * Whether one more push session fits under {@code maxSessions} and the process's file limit, counting the
     * sessions whose claims are under way: in a reconnect storm they would otherwise pile up, each holding its
     * connection open, beyond what the node can hold.
     */
    boolean hasRoomForSession() {
        return sessions.count() + claimsUnderWay.get() < sessionLimit;
    }

    /** A push stream waits for its client's claim ({@link #hasRoomForSession}). */
    void claimStarted() {
        claimsUnderWay.incrementAndGet();
    }

    /** A claim that {@link #claimStarted} counted ended, however. */
    void claimEnded() {
        claimsUnderWay.decrementAndGet();
    }

    /** The push sessions this process holds at most ({@link SessionLimit}). */
    int sessionLimit() {
        return sessionLimit;
    }

    void sessionStarted(PushSession session) {
        sessions.add(session);
        events.onSessionOpened(session.info());
    }

    /** The session's connection has closed: its client no longer has it, and it is offline. */
    void sessionEnded(PushSession session) {
        session.client().detach(session);
        sessions.remove(session);
        events.onSessionClosed(session.info());
        LOG.log(Level.FINE, "Session {0} of client {1} closed", new Object[]{session.sessionId(),
                session.client().clientId()});
    }

    /** Counts a business request handed to the application, unless {@code maxRequestsInFlight} are. */
    boolean requestStarted() {
        if (requestsInFlight.incrementAndGet() > config.maxRequestsInFlight()) {
            requestsInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void requestFinished() {
        requestsInFlight.decrementAndGet();
    }

    /** From now on nothing new is accepted: sessions, messages. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    /** What a client refused during shutdown is told to wait before reconnecting. */
    int retryAfterSeconds() {
        return (int) Math.max(1, config.shutdownGrace().toSeconds());
    }
}
