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
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.ClientIds;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.packet.MetaLines;
import io.spdypush.rar.packet.PushPacket;
import io.spdypush.rar.token.TokenSigner;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SPDY/3.1 push server: a listening socket, the sessions on it and the clients' outboxes.
 * Its event loops run on threads from the executor it is given (the JCA WorkManager inside
 * the application server).
 */
public final class PushServer {

    private static final Logger LOG = Logger.getLogger(PushServer.class.getName());

    private final ServerConfig config;
    private final TokenSigner tokens;
    private final SslContext tls;
    private final Executor threads;
    private final ConcurrentMap<String, ClientState> clients = new ConcurrentHashMap<>();
    private final AtomicInteger sessionsOnline = new AtomicInteger();
    private final BadInputCounter badInput = new BadInputCounter();
    private volatile boolean stopping;
    private EventLoopGroup eventLoops;
    private ChannelGroup connections;
    private Channel listener;

    /**
     * @param tls the TLS context (see {@link ServerTls}), or null for cleartext with prior knowledge
     */
    public PushServer(ServerConfig config, TokenSigner tokens, SslContext tls, Executor threads) {
        this.config = config;
        this.tokens = tokens;
        this.tls = tls;
        this.threads = threads;
    }

    /**
     * Binds the SPDY port and starts accepting sessions.
     *
     * @throws IllegalStateException naming the address when the port cannot be bound
     */
    public void start() {
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
        } catch (RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IllegalStateException("Cannot listen for SPDY on " + config.bindAddress() + ":"
                    + config.spdyPort() + ": " + e.getMessage()
                    + " (resource adapter config properties bindAddress, spdyPort)", e);
        }
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

    /** Accepts a message into its client's outbox and wakes the client's session, if online. */
    public Delivery send(PushMessage message) {
        byte[] meta = MetaLines.of(message);
        if (message.payloadLength() > config.maxPayloadBytes()) {
            return Delivery.refused(message.clientId(), message.id(), "payload of " + message.payloadLength()
                    + " bytes is over the limit of " + config.maxPayloadBytes() + " bytes (maxPayloadBytes)");
        }
        if (!PushPacket.fitsLimits(meta.length, message.payloadLength())) {
            return Delivery.refused(message.clientId(), message.id(),
                    "meta of " + meta.length + " bytes is over the limit of " + PushPacket.MAX_META_BYTES + " bytes");
        }
        if (stopping) {
            return Delivery.refused(message.clientId(), message.id(), "the push server is shutting down");
        }
        ClientState client = client(message.clientId());
        Optional<OutboxEntry> accepted = client.outbox().accept(message.id(), meta, message.payload());
        if (accepted.isEmpty()) {
            return Delivery.refused(message.clientId(), message.id(), client.outbox().fullReason());
        }
        PushSession session = client.session();
        if (session != null) {
            session.wake();
        }
        return Delivery.accepted(message.clientId(), message.id(), accepted.get().seq());
    }

    /** A token with which {@code clientId} may open its push stream until {@code validFor} has passed. */
    public String mintToken(String clientId, Duration validFor) {
        return tokens.mint(ClientIds.requireValid(clientId), Instant.now().plus(validFor));
    }

    public AdapterStatus status() {
        long pending = clients.values().stream().mapToLong(client -> client.outbox().size()).sum();
        int open = connections == null ? 0 : connections.size();
        return new AdapterStatus(config.bindAddress(), listener == null ? config.spdyPort() : port(),
                sessionsOnline.get(), open, pending, badInput.snapshot());
    }

    /**
     * Stops accepting, sends GOAWAY on every session, gives open streams the grace period,
     * force-closes what is left and gives the event loop threads back. Outboxes are kept.
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
        LOG.log(Level.INFO, "SPDY/3.1 push server on port {0,number,#} stopped", port());
    }

    TokenSigner.Verdict checkToken(String token, String clientId) {
        return tokens.verify(token, clientId, Instant.now());
    }

    BadInputCounter badInput() {
        return badInput;
    }

    boolean isStopping() {
        return stopping;
    }

    /** What a client refused during shutdown is told to wait before reconnecting. */
    int retryAfterSeconds() {
        return (int) Math.max(1, config.shutdownGrace().toSeconds());
    }

    ClientState client(String clientId) {
        return clients.computeIfAbsent(clientId,
                id -> new ClientState(id, new Outbox(config.outboxMaxMessages(), config.outboxMaxBytes())));
    }

    void sessionStarted() {
        sessionsOnline.incrementAndGet();
    }

    void sessionEnded() {
        sessionsOnline.decrementAndGet();
    }
}
