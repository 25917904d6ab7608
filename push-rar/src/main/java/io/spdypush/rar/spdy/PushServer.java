package io.spdypush.rar.spdy;

import io.netty.handler.ssl.SslContext;
import io.netty.util.internal.PlatformDependent;
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Delivery;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.api.PushListener;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.api.TopicInfo;
import io.spdypush.protocol.ClientIds;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.pool.MemoryPools;
import io.spdypush.rar.token.TokenSigner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SPDY/3.1 push server, as the resource adapter sees it: start and stop, send, the sessions and the status.
 * Its event loops run on threads from the executor it is given (the JCA WorkManager inside the application
 * server). The parts: {@link ServerContext}, what the connection handlers share; {@link MessageDispatch}, which
 * takes messages into the outboxes; {@link OutboxPersistence}, the outboxes from one run to the next; and
 * {@link SpdyListener}, the socket.
 */
public final class PushServer {

    private static final Logger LOG = Logger.getLogger(PushServer.class.getName());
    /** How often the outboxes of offline clients are rid of expired messages. */
    private static final Duration OFFLINE_EXPIRY = Duration.ofMinutes(1);

    private final ServerContext context;
    private final MessageDispatch dispatch;
    private final OutboxPersistence persistence;
    private final SslContext tls;
    private final Executor threads;
    private volatile SpdyListener listener;

    /**
     * @param tls         the TLS context (see {@link ServerTls}), or null for cleartext with prior knowledge
     * @param outboxStore where outboxes are kept from stop to start, or null to keep them in memory only
     * @param events      told of acknowledgements, expirations and sessions, on the event loops: it must
     *                    hand the work elsewhere at once
     * @param outboxMaxTotalBytes the bytes of messages that all outboxes together may hold
     */
    public PushServer(ServerConfig config, TokenSigner tokens, SslContext tls, Executor threads,
                      OutboxStore outboxStore, PushListener events, long outboxMaxTotalBytes) {
        this.context = new ServerContext(config, tokens, tls != null, events);
        this.dispatch = new MessageDispatch(context, outboxMaxTotalBytes);
        this.persistence = new OutboxPersistence(outboxStore, context.clients(), context.pools().message());
        this.tls = tls;
        this.threads = threads;
    }

    /**
     * Restores the saved outboxes, binds the SPDY port and starts accepting sessions. The outbox file
     * is removed only once the port is bound: a start that fails leaves it for the next one.
     *
     * @throws IllegalStateException naming the setting to fix when the data directory cannot be written or
     *                               the port cannot be bound
     */
    public void start() {
        persistence.checkWritable();
        persistence.restore();
        try {
            listener = SpdyListener.bind(context, threads, tls);
        } catch (IllegalStateException e) {
            persistence.release();
            throw e;
        }
        persistence.forgetSaved();
        listener.every(OFFLINE_EXPIRY, () -> threads.execute(this::expireOffline));
        if (context.sessionLimit() < context.config().maxSessions()) {
            LOG.log(Level.WARNING, "This process may open {0,number,#} files: it holds {1,number,#} push sessions,"
                            + " not maxSessions {2,number,#}, and refuses more with 503; raise its limit (ulimit -n, or"
                            + " LimitNOFILE in a systemd unit) to hold more",
                    new Object[]{SessionLimit.maxOpenFiles(), context.sessionLimit(), context.config().maxSessions()});
        }
        warnWhenThePoolsMayNotFitInDirectMemory();
        LOG.log(Level.INFO, "Push server listening on {0}:{1,number,#} ({2}; sockets: {3})",
                new Object[]{context.config().bindAddress(), port(), tls == null
                        ? "cleartext: SPDY/3.1, HTTP/2 with prior knowledge and HTTP/1.1, by their first bytes"
                        : "TLS: SPDY/3.1, HTTP/2 and HTTP/1.1, by ALPN", listener.socketIo()});
    }

    /**
     * The pools' buffers are direct memory, which the JVM bounds (-XX:MaxDirectMemorySize, by default the heap's
     * maximum): caps above it would not be reached before the JVM refused memory to the whole process.
     */
    private void warnWhenThePoolsMayNotFitInDirectMemory() {
        ServerConfig config = context.config();
        long caps = config.serverPoolMaxBytes() + config.sessionPoolMaxBytes() + config.streamPoolMaxBytes()
                + config.messagePoolMaxBytes();
        long direct = PlatformDependent.maxDirectMemory();
        if (caps > direct / 2) {
            LOG.log(Level.WARNING, "The memory pools'' caps add up to {0,number,#} MiB, more than half of the"
                            + " {1,number,#} MiB of direct memory this JVM may use, which Netty''s own buffers share:"
                            + " lower serverPoolMaxBytes, sessionPoolMaxBytes, streamPoolMaxBytes and messagePoolMaxBytes,"
                            + " or raise -XX:MaxDirectMemorySize (by default the maximum heap size)",
                    new Object[]{caps >> 20, direct >> 20});
        }
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return listener.port();
    }

    public ServerConfig config() {
        return context.config();
    }

    /**
     * Accepts a message for each client of its audience (docs/PROTOCOL.md §2, §6): the message is
     * encoded once, each client's outbox keeps a reference to the same bytes with its own seq,
     * and each online session is woken to send it.
     */
    public List<Delivery> send(PushMessage message) {
        return dispatch.send(message);
    }

    /**
     * Takes back a message to one client id after a restart under the seq it had (see
     * {@link io.spdypush.api.PushConnection#sendAgain}), refused for the same reasons as {@link #send}.
     *
     * @throws IllegalArgumentException when the message is not to one client id
     */
    public Delivery sendAgain(PushMessage message, long seq) {
        return dispatch.sendAgain(message, seq);
    }

    /**
     * A token with which {@code clientId} may open its push stream until {@code validFor} has passed.
     *
     * @throws IllegalArgumentException when {@code validFor} is over maxTokenLifetimeSeconds
     */
    public String mintToken(String clientId, Duration validFor) {
        Instant now = Instant.now();
        return context.tokens().mint(ClientIds.requireValid(clientId), now.plus(validFor), now);
    }

    /** What the server is doing; cheap, however many clients it holds (see {@link io.spdypush.rar.outbox.OutboxSizes}). */
    public AdapterStatus status() {
        SpdyListener listening = listener;
        OnlineSessions sessions = context.sessions();
        return new AdapterStatus(context.config().bindAddress(),
                listening == null ? context.config().spdyPort() : listening.port(), sessions.count(),
                sessions.opened(), sessions.closed(), listening == null ? 0 : listening.connections(),
                context.outboxSizes().pendingMessages(), context.outboxSizes().largestOutbox(),
                sessions.topicCount(), context.statistics().counts(), context.statistics().deliveryLatency(),
                context.badInput().snapshot(), context.pools().stats(), listening != null && listening.isActive());
    }

    /**
     * The sessions online whose client id starts with {@code clientIdPrefix} (empty: all), ordered by
     * client id, from {@code offset}, at most {@code limit}.
     */
    public List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        return context.sessions().page(clientIdPrefix, offset, limit);
    }

    /** The topics with subscribers whose name starts with {@code namePrefix}, by name, one page of them. */
    public List<TopicInfo> topics(String namePrefix, int offset, int limit) {
        return context.sessions().topicPage(namePrefix, offset, limit);
    }

    /** The session of one client, when it is online. */
    public Optional<SessionInfo> session(String clientId) {
        return online(clientId).map(PushSession::info);
    }

    /** Ends the client's session with GOAWAY, keeping its outbox; false when it is not online. */
    public boolean disconnect(String clientId) {
        Optional<PushSession> session = online(clientId);
        session.ifPresent(online -> {
            LOG.log(Level.INFO, "Disconnecting client {0} (session {1}) on request",
                    new Object[]{clientId, online.sessionId()});
            online.closeGracefully(context.config().shutdownGrace());
        });
        return session.isPresent();
    }

    /** Takes the message out of the client's outbox; false when it is not there. */
    public boolean cancel(String clientId, String messageId) {
        ClientState client = context.clients().get(ClientIds.requireValid(clientId));
        boolean cancelled = client != null && client.outbox().cancel(messageId);
        if (cancelled) {
            LOG.log(Level.INFO, "Message {0} of client {1} cancelled on request", new Object[]{messageId, clientId});
        }
        return cancelled;
    }

    private Optional<PushSession> online(String clientId) {
        ClientState client = context.clients().get(clientId);
        return Optional.ofNullable(client == null ? null : client.session());
    }

    /**
     * Makes this server a node of a cluster (see {@link io.spdypush.api.PushConnection#joinCluster}): it keeps
     * messages only for the clients it is the home of, and claims a client with {@code claims} before a session
     * of it opens here.
     */
    public void joinCluster(ClientClaims claims) {
        context.joinCluster(claims);
        LOG.info("The push server is a node of a cluster: it holds the outboxes and sessions of the clients it is"
                + " the home of");
    }

    /**
     * Becomes the client's home, with the outbox its previous home handed off ({@link #handOffClient}), or none
     * (null), numbering above {@code seqFloor} at least.
     *
     * @throws IllegalArgumentException when {@code handedOff} is not an outbox handed off by this version
     */
    public void takeClient(String clientId, byte[] handedOff, long seqFloor) {
        ClientIds.requireValid(clientId);
        ClientHandOff state = handedOff == null ? null
                : ClientHandOff.decode(handedOff, context.pools().message(), System.currentTimeMillis());
        context.clients().take(clientId, state, seqFloor);
    }

    /** The clients this server holds state for: sessions, messages pending, or claims that just took them. */
    public List<String> heldClients() {
        return context.clients().clientIds();
    }

    /** Whether this server holds the client's state: a session, messages pending, or a claim that just took it. */
    public boolean holdsClient(String clientId) {
        ClientState client = context.clients().get(ClientIds.requireValid(clientId));
        return client != null && !client.isEvicted();
    }

    /**
     * Stops being the client's home: ends its session here as a takeover does, and returns its state for the new
     * home ({@link #takeClient}).
     */
    public byte[] handOffClient(String clientId) {
        return handOff(clientId, false);
    }

    /**
     * As {@link #handOffClient}, for a session of the client opening on another node: a takeover if the client is
     * online here, refused past the limit a minute.
     *
     * @throws TakeoverThrottledException past the limit; the session here stays
     */
    public byte[] handOffClientForTakeover(String clientId) {
        return handOff(clientId, true);
    }

    private byte[] handOff(String clientId, boolean forTakeover) {
        ClientStates.HandedOff handedOff;
        try {
            handedOff = context.clients().handOff(ClientIds.requireValid(clientId), forTakeover);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing off client " + clientId, e);
        }
        if (handedOff.session() != null) {
            LOG.log(Level.FINE, "Session {0} of client {1} ends: the client moved to another node",
                    new Object[]{handedOff.session().sessionId(), clientId});
            handedOff.session().closeGracefully(SessionHandler.takeoverGrace(context.config()));
        }
        return handedOff.state();
    }

    /** Where business requests go; the adapter registers its message endpoints here. */
    public RequestRoutes routes() {
        return context.routes();
    }

    /**
     * Stops accepting, sends GOAWAY on every session, gives open streams the grace period,
     * force-closes what is left and gives the event loop threads back. The outboxes are saved
     * to the outbox store, when there is one, and their buffers released.
     * Called by one thread (the adapter's stop); a second call does nothing.
     */
    public void stop() {
        boolean alreadyStopping = context.isStopping();
        context.stopping();
        SpdyListener listening = listener;
        if (listening == null || alreadyStopping) {
            return;
        }
        listening.close(context.config().shutdownGrace());
        persistence.save();
        persistence.release();
        for (MemoryPoolStats pool : context.pools().stats()) {
            if (pool.liveBytes() != 0) {
                LOG.log(Level.WARNING, "Memory pool {0} still holds {1} bytes after the push server stopped",
                        new Object[]{pool.name(), pool.liveBytes()});
            }
        }
        LOG.log(Level.INFO, "SPDY/3.1 push server on port {0,number,#} stopped", listening.port());
    }

    /**
     * Drops the expired messages of offline clients, which would otherwise hold their memory until the
     * client came back, and forgets the clients that leaves idle.
     */
    void expireOffline() {
        context.clients().expireOffline(System.currentTimeMillis(), context.events()::onExpired);
    }

    /** How many client ids the server holds state for: a session, or messages pending. */
    int clientCount() {
        return context.clients().size();
    }

    MemoryPools pools() {
        return context.pools();
    }

    ServerContext context() {
        return context;
    }
}
