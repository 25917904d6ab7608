package io.spdypush.rar.spdy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.spdypush.api.Acknowledgement;
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Audience;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.protocol.ClientIds;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.MemoryPoolStats;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxSizes;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.protocol.PushPacket;
import io.spdypush.protocol.PushPacketWriter;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.pool.MemoryPools;
import io.spdypush.rar.statistics.MessageStatistics;
import io.spdypush.rar.statistics.RefusalKind;
import io.spdypush.rar.token.TokenSigner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SPDY/3.1 push server: a listening socket, the sessions on it and the clients' outboxes.
 * Its event loops run on threads from the executor it is given (the JCA WorkManager inside
 * the application server).
 */
public final class PushServer {

    private static final Logger LOG = Logger.getLogger(PushServer.class.getName());
    /** How often the outboxes of offline clients are rid of expired messages. */
    private static final long OFFLINE_EXPIRY_MINUTES = 1;

    private final ServerConfig config;
    private final TokenSigner tokens;
    private final SslContext tls;
    private final Executor threads;
    private final OutboxStore outboxStore;
    private final PushListener events;
    private final long outboxMaxTotalBytes;
    private final OutboxSizes outboxSizes;
    private final ClientStates clients;
    private final Set<PushSession> online = ConcurrentHashMap.newKeySet();
    private final SessionDirectory directory = new SessionDirectory();
    private final TopicSubscriptions<PushSession> topics = new TopicSubscriptions<>();
    private final RequestRoutes routes = new RequestRoutes();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final MemoryPools pools = MemoryPools.create();
    private final BadInputCounter badInput = new BadInputCounter();
    private final MessageStatistics statistics = new MessageStatistics();
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private volatile boolean stopping;
    private EventLoopGroup eventLoops;
    private ChannelGroup connections;
    private Channel listener;

    /**
     * @param tls         the TLS context (see {@link ServerTls}), or null for cleartext with prior knowledge
     * @param outboxStore where outboxes are kept from stop to start, or null to keep them in memory only
     * @param events      told of acknowledgements, expirations and sessions, on the event loops: it must
     *                    hand the work elsewhere at once
     * @param outboxMaxTotalBytes the bytes of messages that all outboxes together may hold
     */
    public PushServer(ServerConfig config, TokenSigner tokens, SslContext tls, Executor threads,
                      OutboxStore outboxStore, PushListener events, long outboxMaxTotalBytes) {
        if (outboxMaxTotalBytes < config.maxPayloadBytes()) {
            throw new IllegalArgumentException("outboxMaxTotalBytes " + outboxMaxTotalBytes + " must be at least"
                    + " maxPayloadBytes (" + config.maxPayloadBytes() + ")"
                    + " (resource adapter config property outboxMaxTotalBytes)");
        }
        this.outboxMaxTotalBytes = outboxMaxTotalBytes;
        this.outboxSizes = new OutboxSizes(config.outboxMaxMessages());
        this.clients = new ClientStates(config, statistics, outboxSizes);
        this.events = events;
        this.config = config;
        this.tokens = tokens;
        this.tls = tls;
        this.threads = threads;
        this.outboxStore = outboxStore;
    }

    /**
     * Restores the saved outboxes, binds the SPDY port and starts accepting sessions. The outbox file
     * is removed only once the port is bound: a start that fails leaves it for the next one.
     *
     * @throws IllegalStateException naming the address when the port cannot be bound
     */
    public void start() {
        checkOutboxesCanBeSaved();
        restoreOutboxes();
        eventLoops = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), threads, NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("spdy-connections", eventLoops.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new PushChannelInitializer(this, connections, tls));
        try {
            listener = bootstrap.bind(config.bindAddress(), config.spdyPort()).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            releaseOutboxes();
            throw new IllegalStateException("Cannot listen for SPDY on " + config.bindAddress() + ":"
                    + config.spdyPort() + ": " + e.getMessage()
                    + " (resource adapter config properties bindAddress, spdyPort)", e);
        }
        forgetSavedOutboxes();
        eventLoops.next().scheduleAtFixedRate(() -> threads.execute(this::expireOffline), OFFLINE_EXPIRY_MINUTES,
                OFFLINE_EXPIRY_MINUTES, TimeUnit.MINUTES);
        LOG.log(Level.INFO, "SPDY/3.1 push server listening on {0}:{1,number,#} ({2})",
                new Object[]{config.bindAddress(), port(), tls == null ? "cleartext" : "TLS with ALPN spdy/3.1"});
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Accepts a message for each client of its audience (docs/PROTOCOL.md §2, §6): the message is
     * encoded once, each client's outbox keeps a reference to the same bytes with its own seq,
     * and each online session is woken to send it.
     */
    public List<Delivery> send(PushMessage message) {
        return encoded(message, (encoded, now) -> {
            List<String> recipients = recipients(message.audience());
            List<Delivery> deliveries = new ArrayList<>(recipients.size());
            for (String clientId : recipients) {
                deliveries.add(accept(clientId, encoded, now));
            }
            return deliveries;
        });
    }

    /**
     * Takes back a message to one client id after a restart under the seq it had (see
     * {@link io.spdypush.api.PushConnection#sendAgain}), refused for the same reasons as {@link #send}.
     *
     * @throws IllegalArgumentException when the message is not to one client id
     */
    public Delivery sendAgain(PushMessage message, long seq) {
        if (!(message.audience() instanceof Audience.Client one)) {
            throw new IllegalArgumentException("sendAgain takes a message to one client id, not to "
                    + message.audience() + " (hand back each client's copy on its own)");
        }
        if (seq <= 0) {
            return send(message).get(0);
        }
        return encoded(message, (encoded, now) -> List.of(acceptAgain(one.clientId(), encoded, seq, now))).get(0);
    }

    /** What becomes of a message once encoded, for each of its recipients. */
    @FunctionalInterface
    private interface Acceptance {
        List<Delivery> accept(EncodedMessage encoded, long nowMillis);
    }

    /**
     * Encodes the message once and lets {@code acceptance} hand it to the outboxes, unless no copy of it
     * can be accepted: then every recipient is told why.
     */
    private List<Delivery> encoded(PushMessage message, Acceptance acceptance) {
        byte[] meta = MessageMeta.of(message);
        Refusal refusal = refusal(message, meta.length);
        if (refusal != null) {
            return refuseAll(message, refusal);
        }
        MemoryPool pool = message.audience() instanceof Audience.Client ? pools.message() : pools.server();
        EncodedMessage encoded = EncodedMessage.encode(message, meta, pool);
        try {
            Refusal overMemory = memoryRefusal();
            if (overMemory != null) {
                return refuseAll(message, overMemory);
            }
            return acceptance.accept(encoded, System.currentTimeMillis());
        } finally {
            encoded.body().release();
        }
    }

    private List<Delivery> refuseAll(PushMessage message, Refusal refusal) {
        return recipients(message.audience()).stream().map(clientId -> refuse(clientId, message.id(), refusal))
                .toList();
    }

    private Delivery accept(String clientId, EncodedMessage message, long now) {
        ClientState client = clients.use(clientId);
        try {
            return accept(client, message, now);
        } finally {
            client.release();
        }
    }

    private Delivery accept(ClientState client, EncodedMessage message, long now) {
        return accepted(client, message, client.outbox().accept(message, now));
    }

    /**
     * Takes back a message handed back after a restart; when the client had processed it already, it is
     * not sent and counts as acknowledged, so that its sender hears of it as of any other.
     */
    private Delivery acceptAgain(String clientId, EncodedMessage message, long seq, long now) {
        ClientState client = clients.use(clientId);
        try {
            Outbox.HandedBack handedBack = client.outbox().acceptAgain(message, seq, now);
            if (handedBack.processed()) {
                events.onAcknowledged(new Acknowledgement(clientId, seq, List.of(message.messageId())));
            }
            return accepted(client, message, handedBack.seq());
        } finally {
            client.release();
        }
    }

    /** Tells of what the outbox expired meanwhile, and wakes the session to send what it took. */
    private Delivery accepted(ClientState client, EncodedMessage message, OptionalLong seq) {
        List<String> expired = client.outbox().drainExpired();
        if (!expired.isEmpty()) {
            events.onExpired(new Expiration(client.clientId(), expired));
        }
        if (seq.isEmpty()) {
            return refuse(client.clientId(), message.messageId(), new Refusal(RefusalKind.OUTBOX_FULL,
                    client.outbox().fullReason()));
        }
        PushSession session = client.session();
        if (session != null) {
            session.wake();
        }
        return Delivery.accepted(client.clientId(), message.messageId(), seq.getAsLong());
    }

    /** Why a copy was refused: the kind the statistics count, and the reason the sender reads. */
    private record Refusal(RefusalKind kind, String reason) {
    }

    /** Why no copy of the message can be accepted, or null when it can. */
    private Refusal refusal(PushMessage message, int metaLength) {
        if (message.payloadLength() > config.maxPayloadBytes()) {
            return new Refusal(RefusalKind.PAYLOAD_TOO_LARGE, "payload of " + message.payloadLength()
                    + " bytes is over the limit of " + config.maxPayloadBytes() + " bytes (maxPayloadBytes)");
        }
        if (!PushPacket.fitsLimits(metaLength, message.payloadLength())) {
            return new Refusal(RefusalKind.META_TOO_LARGE, "meta of " + metaLength + " bytes is over the limit of "
                    + PushPacket.MAX_META_BYTES + " bytes");
        }
        if (message.isExpiredAt(Instant.now())) {
            return new Refusal(RefusalKind.ALREADY_EXPIRED, "the message expired before it was accepted");
        }
        if (stopping) {
            return new Refusal(RefusalKind.SHUTTING_DOWN, "the push server is shutting down");
        }
        return null;
    }

    /**
     * Why the message, encoded, cannot be accepted by any outbox, or null when it can: the memory pools
     * of encoded messages hold it and every message pending, and their sum is bounded. Checked after
     * encoding, so that concurrent senders see each other's messages and cannot together pass the bound.
     */
    private Refusal memoryRefusal() {
        long held = pools.message().liveBytes() + pools.server().liveBytes();
        if (held <= outboxMaxTotalBytes) {
            return null;
        }
        return new Refusal(RefusalKind.OUTBOX_MEMORY_FULL, "the outboxes of all clients would hold " + held
                + " bytes, over the limit of " + outboxMaxTotalBytes + " bytes (outboxMaxTotalBytes)");
    }

    private Delivery refuse(String clientId, String messageId, Refusal refusal) {
        statistics.countRefused(refusal.kind());
        return Delivery.refused(clientId, messageId, refusal.reason());
    }

    /** The client ids the message goes to, each once. */
    private List<String> recipients(Audience audience) {
        if (audience instanceof Audience.Client one) {
            return List.of(one.clientId());
        }
        if (audience instanceof Audience.Clients many) {
            return many.clientIds().stream().distinct().toList();
        }
        Collection<PushSession> sessions = audience instanceof Audience.Topic topic
                ? topics.subscribers(topic.name()) : online;
        return sessions.stream().map(session -> session.client().clientId()).distinct().toList();
    }

    /**
     * A token with which {@code clientId} may open its push stream until {@code validFor} has passed.
     *
     * @throws IllegalArgumentException when {@code validFor} is over maxTokenLifetimeSeconds
     */
    public String mintToken(String clientId, Duration validFor) {
        Instant now = Instant.now();
        return tokens.mint(ClientIds.requireValid(clientId), now.plus(validFor), now);
    }

    /** What the server is doing; cheap, however many clients it holds (see {@link OutboxSizes}). */
    public AdapterStatus status() {
        int open = connections == null ? 0 : connections.size();
        return new AdapterStatus(config.bindAddress(), listener == null ? config.spdyPort() : port(),
                online.size(), sessionsOpened.sum(), sessionsClosed.sum(), open, outboxSizes.pendingMessages(),
                outboxSizes.largestOutbox(), topics.topicCount(), statistics.counts(),
                statistics.deliveryLatency(), badInput.snapshot(), pools.stats(),
                listener != null && listener.isActive());
    }

    /**
     * The sessions online whose client id starts with {@code clientIdPrefix} (empty: all), ordered by
     * client id, from {@code offset}, at most {@code limit}.
     */
    public List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        return directory.page(clientIdPrefix, offset, limit).stream().map(PushSession::info).toList();
    }

    /** The topics with subscribers whose name starts with {@code namePrefix}, by name, one page of them. */
    public List<TopicInfo> topics(String namePrefix, int offset, int limit) {
        return topics.page(namePrefix, offset, limit);
    }

    /** The session of one client, when it is online. */
    public Optional<SessionInfo> session(String clientId) {
        ClientState client = clients.get(clientId);
        PushSession session = client == null ? null : client.session();
        return session == null ? Optional.empty() : Optional.of(session.info());
    }

    /** Ends the client's session with GOAWAY, keeping its outbox; false when it is not online. */
    public boolean disconnect(String clientId) {
        ClientState client = clients.get(clientId);
        PushSession session = client == null ? null : client.session();
        if (session == null) {
            return false;
        }
        LOG.log(Level.INFO, "Disconnecting client {0} (session {1}) on request",
                new Object[]{clientId, session.sessionId()});
        session.closeGracefully(config.shutdownGrace());
        return true;
    }

    /** Where business requests go; the adapter registers its message endpoints here. */
    public RequestRoutes routes() {
        return routes;
    }

    /**
     * Stops accepting, sends GOAWAY on every session, gives open streams the grace period,
     * force-closes what is left and gives the event loop threads back. The outboxes are saved
     * to the outbox store, when there is one, and their buffers released.
     * Called by one thread (the adapter's stop); a second call does nothing.
     */
    public void stop() {
        boolean alreadyStopping = stopping;
        stopping = true;
        if (listener == null || alreadyStopping) {
            return;
        }
        listener.close().syncUninterruptibly();
        long graceMillis = config.shutdownGrace().toMillis();
        if (!connections.close().awaitUninterruptibly(graceMillis)) {
            LOG.log(Level.INFO, "Closing {0} SPDY sessions that outlived the {1} ms shutdown grace period",
                    new Object[]{connections.size(), graceMillis});
            connections.forEach(PushSession::forceClose);
        }
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        saveOutboxes();
        releaseOutboxes();
        for (MemoryPoolStats pool : pools.stats()) {
            if (pool.liveBytes() != 0) {
                LOG.log(Level.WARNING, "Memory pool {0} still holds {1} bytes after the push server stopped",
                        new Object[]{pool.name(), pool.liveBytes()});
            }
        }
        LOG.log(Level.INFO, "SPDY/3.1 push server on port {0,number,#} stopped", port());
    }

    private void checkOutboxesCanBeSaved() {
        if (outboxStore == null) {
            return;
        }
        try {
            outboxStore.checkWritable();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write to the data directory " + outboxStore.file().getParent()
                    + ", where the outboxes are saved at each stop: " + e
                    + " (resource adapter config property dataDirectory)", e);
        }
    }

    private void restoreOutboxes() {
        if (outboxStore == null) {
            return;
        }
        try {
            Map<String, Outbox.Snapshot> saved = outboxStore.load(pools.message(), System.currentTimeMillis());
            saved.forEach(clients::restore);
            long messages = saved.values().stream().mapToLong(snapshot -> snapshot.entries().size()).sum();
            if (!saved.isEmpty()) {
                LOG.log(Level.INFO, "Restored {0} unacknowledged messages of {1} clients from {2}",
                        new Object[]{messages, saved.size(), outboxStore.file()});
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restore the outboxes saved in " + outboxStore.file() + ": "
                    + e.getMessage() + " (move the file away to start without them)", e);
        }
    }

    /**
     * Removes the outbox file once its outboxes are in memory and the server runs, so that nothing is
     * delivered twice from it. A file that cannot be removed would be read again at the next start.
     */
    private void forgetSavedOutboxes() {
        if (outboxStore == null) {
            return;
        }
        try {
            outboxStore.discard();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot remove " + outboxStore.file() + " after restoring its outboxes, so the"
                    + " next start would restore them again; remove it by hand: " + e, e);
        }
    }

    /** Releases the buffers of every outbox, whose messages are saved or were never taken from the file. */
    private void releaseOutboxes() {
        clients.forEachOutbox(Outbox::clear);
    }

    private void saveOutboxes() {
        if (outboxStore == null) {
            return;
        }
        Map<String, Outbox.Snapshot> pending = new LinkedHashMap<>();
        clients.forEach((clientId, client) -> {
            Outbox.Snapshot snapshot = client.outbox().snapshot();
            if (!snapshot.entries().isEmpty()) {
                pending.put(clientId, snapshot);
            }
        });
        try {
            outboxStore.save(pending);
            LOG.log(Level.INFO, "Saved the unacknowledged messages of {0} clients to {1}",
                    new Object[]{pending.size(), outboxStore.file()});
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Cannot save the unacknowledged messages of " + pending.size()
                    + " clients to " + outboxStore.file() + "; they are lost: " + e, e);
        }
    }

    TokenSigner.Verdict checkToken(String token, String clientId) {
        return tokens.verify(token, clientId, Instant.now());
    }

    BadInputCounter badInput() {
        return badInput;
    }

    MessageStatistics statistics() {
        return statistics;
    }

    boolean isStopping() {
        return stopping;
    }

    /** What a client refused during shutdown is told to wait before reconnecting. */
    int retryAfterSeconds() {
        return (int) Math.max(1, config.shutdownGrace().toSeconds());
    }

    /** The client's state, held against eviction until the caller attaches its session ({@link ClientStates#use}). */
    ClientState client(String clientId) {
        return clients.use(clientId);
    }

    /**
     * Drops the expired messages of offline clients, which would otherwise hold their memory until the
     * client came back, and forgets the clients that leaves idle.
     */
    void expireOffline() {
        clients.expireOffline(System.currentTimeMillis(), events::onExpired);
    }

    /** How many client ids the server holds state for: a session, or messages pending. */
    int clientCount() {
        return clients.size();
    }

    MemoryPools pools() {
        return pools;
    }

    boolean isTls() {
        return tls != null;
    }

    /** Whether one more push session fits under {@code maxSessions}. */
    boolean hasRoomForSession() {
        return online.size() < config.maxSessions();
    }

    PushListener events() {
        return events;
    }

    void sessionStarted(PushSession session) {
        sessionsOpened.increment();
        online.add(session);
        directory.add(session);
        topics.subscribe(session, session.topics());
        events.onSessionOpened(session.info());
    }

    void sessionEnded(PushSession session) {
        sessionsClosed.increment();
        topics.unsubscribe(session, session.topics());
        online.remove(session);
        directory.remove(session);
        events.onSessionClosed(session.info());
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
}
