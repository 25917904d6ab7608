package io.spdypush.client;

import io.spdypush.protocol.ClientIds;
import io.spdypush.protocol.ProtocolDefaults;
import io.spdypush.protocol.TopicNames;
import io.spdypush.codec.PushPacketDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A client of the push server: a connection with its push stream (docs/PROTOCOL.md §2), acknowledgements on normal
 * streams (§3.1), and business requests with their pushed sub-resources (§3.2) through {@link PushSession#request};
 * over SPDY/3.1 by default, or HTTP/2 or HTTP/1.1 ({@link Builder#transport}, §10).
 *
 * <pre>{@code
 * PushClient client = PushClient.builder()
 *         .server("127.0.0.1", 7070)
 *         .clientId("device-42")
 *         .token(token)
 *         .reconnect(ReconnectPolicy.STANDARD)
 *         .lastSeqStore(new FileLastSeqStore(Path.of("device-42.last-seq")))
 *         .listener(message -> System.out.println(message.text()))
 *         .build();
 * PushSession session = client.connect().get(5, SECONDS);
 * Response page = session.request("/demo/index.html").get(5, SECONDS);
 * ...
 * client.close();
 * }</pre>
 *
 * <p>With {@link Builder#reconnect}, a lost session is followed by a new one (§8): after a random wait that
 * grows with each failed attempt, resuming after the last processed seq, so that the listener gets every
 * message once and in order. The client PINGs a quiet server and drops a session whose PING goes unanswered
 * (§5), or over HTTP/1.1 whose push stream stays silent for T2 + T3 (§10). The listener hears every change of the
 * connection's state.
 *
 * <p>Thread-safe. The listener runs on the connection's event loop and must not block (see {@link PushListener}).
 */
public final class PushClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushClient.class.getName());
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;
    private static final int STATUS_CONFLICT = 409;

    private final ClientSettings settings;
    /** Null when the client has one token for good (or none). */
    private final TokenProvider tokens;
    private final ServerOrder servers;
    private final ResumePoint resume;
    /** Null when the client connects once per {@link #connect()}. */
    private final Reconnection reconnection;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private Channel channel;
    private ClientSessionHandler session;
    /** From {@link #connect()} until the client stops trying: a connection is under way, or a reconnect is due. */
    private boolean running;
    /** What {@link #connect()} returned: the first session it leads to. */
    private CompletableFuture<PushSession> firstSession;
    private ScheduledFuture<?> pendingReconnect;
    private boolean closed;

    private PushClient(ClientSettings settings, TokenProvider tokens, List<ServerAddress> servers,
                       ReconnectPolicy reconnectPolicy, EventLoopGroup group, boolean ownsGroup) {
        this.settings = settings;
        this.tokens = tokens;
        this.servers = new ServerOrder(servers, ThreadLocalRandom.current());
        this.resume = new ResumePoint(settings.lastSeqStore());
        this.reconnection = reconnectPolicy != null ? new Reconnection(reconnectPolicy, tokens != null) : null;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and asks for the push stream, after the last processed seq ({@code push-last-seq}). The future
     * completes when the server accepts it ({@code :status 200}). It fails with the store's error when
     * the {@link LastSeqStore} cannot be read, and with {@link SessionClosedException} when the client is closed
     * first.
     *
     * <p>Without reconnection it also fails with {@link PushRefusedException} when the server refuses the push
     * stream, and with the connection's error when there is no connection; after the connection ends,
     * {@code connect()} may be called again. With reconnection, failed attempts are retried until one is accepted,
     * and the future fails only with a refusal that stops the client (see {@link PushListener#onRefused}); every
     * later session comes to {@link PushListener#onConnected}.
     *
     * @throws IllegalStateException when the client is connected or trying to, or is closed
     */
    public synchronized CompletableFuture<PushSession> connect() {
        if (closed) {
            throw new IllegalStateException("this PushClient is closed; build a new one");
        }
        if (running) {
            throw new IllegalStateException("this PushClient is already connected, or connecting, to "
                    + servers);
        }
        try {
            resume.load();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        running = true;
        firstSession = new CompletableFuture<>();
        attempt();
        return firstSession;
    }

    /**
     * Acknowledges every message up to and including seq (§3.1), on a new stream. Completes with the server's
     * {@code push-ack}, the highest seq now acknowledged, which then counts as processed: it goes to the
     * {@link LastSeqStore}, and a later session neither asks for it nor delivers it again. Fails with
     * {@link PushRefusedException} (400 for a seq that was never sent) or, without a session,
     * {@link SessionClosedException}.
     */
    public CompletableFuture<Long> ack(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq " + seq + " is negative");
        }
        Channel current;
        ClientSessionHandler handler;
        synchronized (this) {
            current = channel;
            handler = session;
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        if (handler == null) {
            result.completeExceptionally(new SessionClosedException("not connected: call connect() first"));
            return result;
        }
        CompletableFuture<Long> confirmed = new CompletableFuture<>();
        confirmed.whenComplete((acked, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                // Recorded before the caller hears of it, so that a session opened next resumes after it.
                resume.processed(acked);
                resume.save();
                result.complete(acked);
            }
        });
        try {
            current.eventLoop().execute(() -> handler.ack(seq, confirmed));
        } catch (RejectedExecutionException e) {
            confirmed.completeExceptionally(new SessionClosedException("the client is closed", e));
        }
        return result;
    }

    /**
     * Stops reconnecting, closes the session (GOAWAY, open acks get a short grace) and, unless the event loop
     * group was given to the builder, releases the event loop. Waits for both, except when called on the event
     * loop itself. The listener is not told about the end of this session.
     */
    @Override
    public void close() {
        Channel current;
        ClientSessionHandler handler;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = channel;
            handler = session;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
            if (firstSession != null) {
                firstSession.completeExceptionally(new SessionClosedException("the client was closed"));
            }
        }
        if (current != null) {
            closeSession(current, handler);
        }
        if (ownsGroup) {
            Future<?> shutdown = group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (!group.next().inEventLoop()) {
                shutdown.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
            }
        }
    }

    /**
     * Opens one connection, to the next of the servers, and asks for the push stream; its end decides what comes
     * next ({@link #onEnded}). Each attempt goes to the server after the last one's in this client's order, so that
     * a client whose server is gone reaches another of a cluster's nodes. With a {@link TokenProvider}, it first
     * asks it for a token, off the event loop, as it may block.
     */
    private synchronized void attempt() {
        pendingReconnect = null;
        if (closed) {
            return;
        }
        ClientSettings server = this.settings.at(servers.next());
        if (tokens == null) {
            open(server, null);
            return;
        }
        EventLoop loop = group.next();
        CompletableFuture.supplyAsync(this::freshToken).whenComplete((token, failure) -> loop.execute(
                () -> open(failure == null ? server.withToken(token) : server, failure)));
    }

    private String freshToken() {
        try {
            String token = tokens.token();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("the token provider gave no token");
            }
            return token;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Connects with these settings, or, when the token provider failed, ends the attempt with why. */
    private synchronized void open(ClientSettings settings, Throwable noToken) {
        if (closed) {
            return;
        }
        CompletableFuture<PushSession> accepted = new CompletableFuture<>();
        ClientSessionHandler handler = new ClientSessionHandler(settings, resume, accepted);
        CompletableFuture<PushSession> first = firstSession;
        accepted.whenComplete((accept, failure) -> {
            if (failure == null) {
                onAccepted(accept, first);
            } else if (reconnection == null) {
                first.completeExceptionally(failure);
            }
        });
        if (noToken != null) {
            Throwable cause = noToken instanceof CompletionException && noToken.getCause() != null
                    ? noToken.getCause() : noToken;
            EventLoop loop = group.next();
            handler.ended().thenAccept(reason -> onEnded(loop, settings, accepted, reason));
            handler.connectFailed(new SessionClosedException("no token to connect to " + settings.authority()
                    + ": the token provider failed: " + cause, cause));
            return;
        }
        LOG.log(Level.FINE, "connecting to {0} as {1} over {2}", new Object[] {settings.authority(),
                settings.clientId(), settings.transport()});
        ChannelFuture connecting = ClientInitializer.bootstrap(group)
                .handler(new ClientInitializer(settings, handler))
                .connect(settings.host(), settings.port());
        channel = connecting.channel();
        session = handler;
        connecting.addListener(connect -> {
            if (!connect.isSuccess()) {
                handler.connectFailed(new SessionClosedException("cannot connect to " + settings.authority() + ": "
                        + connect.cause().getMessage(), connect.cause()));
            }
        });
        EventLoop loop = channel.eventLoop();
        handler.ended().thenAccept(reason -> onEnded(loop, settings, accepted, reason));
    }

    private void onAccepted(PushSession accepted, CompletableFuture<PushSession> first) {
        synchronized (this) {
            if (reconnection != null) {
                reconnection.reset();
            }
        }
        first.complete(accepted);
        notifyListener("onConnected", listener -> listener.onConnected(accepted));
    }

    /**
     * A connection ended, or could not be made: tells the listener, and plans the next attempt or stops. Runs on
     * the connection's event loop, where the next attempt is scheduled too, so that the listener hears of it
     * before it starts.
     */
    private void onEnded(EventLoop loop, ClientSettings settings, CompletableFuture<PushSession> accepted,
                         SessionClosedException reason) {
        boolean wasAccepted = accepted.isDone() && !accepted.isCompletedExceptionally();
        PushRefusedException refusal = Reconnection.refusalIn(reason);
        Optional<Duration> delay;
        int attempt;
        CompletableFuture<PushSession> first;
        synchronized (this) {
            if (closed) {
                return;
            }
            delay = reconnection != null ? reconnection.next(reason, ThreadLocalRandom.current()) : Optional.empty();
            attempt = reconnection != null ? reconnection.attempt() : 0;
            first = firstSession;
            if (delay.isPresent()) {
                pendingReconnect = loop.schedule(this::attempt, delay.get().toNanos(),
                        TimeUnit.NANOSECONDS);
            } else {
                running = false;
            }
        }
        if (wasAccepted) {
            notifyListener("onDisconnected", listener -> listener.onDisconnected(reason));
        }
        if (delay.isPresent()) {
            LOG.log(Level.INFO, "reconnecting to {0} in {1} ms (attempt {2}): {3}", new Object[] {
                    servers.size() == 1 ? settings.authority() : "the next of " + servers, delay.get().toMillis(),
                    attempt, reason.getMessage()});
            notifyListener("onReconnecting", listener -> listener.onReconnecting(attempt, delay.get(), reason));
            return;
        }
        if (refusal != null) {
            if (refusal.status() == STATUS_CONFLICT) {
                LOG.log(Level.SEVERE, "{0} says this session already has a push stream (409): that is a bug in"
                        + " push-client, please report it", settings.authority());
            }
            first.completeExceptionally(refusal);
            notifyListener("onRefused", listener -> listener.onRefused(refusal));
        } else {
            first.completeExceptionally(reason);
        }
    }

    private void notifyListener(String method, Consumer<PushListener> call) {
        try {
            call.accept(settings.listener());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the push listener failed in " + method, e);
        }
    }

    private static void closeSession(Channel current, ClientSessionHandler handler) {
        if (!current.isActive()) {
            // Not connected yet, or already gone: nothing to say to the server.
            current.close();
            return;
        }
        try {
            current.eventLoop().execute(handler::closeByClient);
        } catch (RejectedExecutionException e) {
            current.close();
            return;
        }
        if (!current.eventLoop().inEventLoop()) {
            current.closeFuture()
                    .awaitUninterruptibly(ClientSessionHandler.CLOSE_GRACE_MILLIS + SHUTDOWN_TIMEOUT_MILLIS);
        }
    }

    /** Builds a {@link PushClient}; {@link #server}, {@link #clientId} and {@link #listener} are required. */
    public static final class Builder {

        /** T3 of docs/PROTOCOL.md §5 by default. */
        static final Duration DEFAULT_HEARTBEAT_TIMEOUT =
                Duration.ofSeconds(ProtocolDefaults.HEARTBEAT_TIMEOUT_SECONDS);

        private List<ServerAddress> servers;
        private String clientId;
        private String token;
        private TokenProvider tokenProvider;
        private LastSeqStore lastSeqStore;
        private final List<String> topics = new ArrayList<>();
        private boolean autoAck = true;
        private int maxPayloadBytes = ProtocolDefaults.MAX_PAYLOAD_BYTES;
        private Transport transport = Transport.SPDY;
        private SslContext sslContext;
        /** TLS with {@link ClientTls#context} for the transport, made at {@link #build()}. */
        private boolean defaultTls;
        private PushListener listener;
        private ResourceCache resourceCache;
        private EventLoopGroup group;
        private Duration heartbeat;
        private Duration heartbeatServer;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private ReconnectPolicy reconnect;

        private Builder() {
        }

        /** The server to connect to. */
        public Builder server(String host, int port) {
            return servers(List.of(new ServerAddress(host, port)));
        }

        /**
         * The servers to connect to, the nodes of a cluster (README, "A cluster"). Each client goes through them in
         * a random order of its own, one per attempt, with the reconnect policy's waits: the first connections of
         * many clients spread over the nodes, and so do the clients of a node that died over the others.
         */
        public Builder servers(List<ServerAddress> servers) {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("no server given");
            }
            this.servers = List.copyOf(servers);
            return this;
        }

        /** The client id sent as {@code push-client}: 1-128 characters of A-Z a-z 0-9 . _ : @ -. */
        public Builder clientId(String clientId) {
            this.clientId = ClientIds.requireValid(clientId);
            return this;
        }

        /**
         * The token sent as {@code authorization: Bearer <token>} (see {@link Tokens}) on every connection; optional.
         * Once it has expired, a reconnect is refused with 401 and the client stops: give a
         * {@link #tokenProvider} instead to a client that may outlive it.
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Where each connection attempt gets its token (see {@link TokenProvider}), instead of one {@link #token}. */
        public Builder tokenProvider(TokenProvider provider) {
            this.tokenProvider = provider;
            return this;
        }

        /**
         * The highest seq already processed, sent as {@code push-last-seq}: the server sends only later ones.
         * Short for {@code lastSeqStore(new InMemoryLastSeqStore(lastSeq))}.
         */
        public Builder lastSeq(long lastSeq) {
            return lastSeqStore(new InMemoryLastSeqStore(lastSeq));
        }

        /**
         * Where the highest processed seq is kept, read at the first {@code connect()} and written as messages
         * are processed: a {@link FileLastSeqStore} to resume after a restart. By default an empty
         * {@link InMemoryLastSeqStore}.
         */
        public Builder lastSeqStore(LastSeqStore lastSeqStore) {
            this.lastSeqStore = Objects.requireNonNull(lastSeqStore, "lastSeqStore");
            return this;
        }

        /**
         * Topics to subscribe each session to, sent as {@code push-topics}: each 1-128 characters of A-Z a-z 0-9
         * . _ : @ / - (blanks around it are dropped). The server refuses more than 64 with 400.
         */
        public Builder topics(String... topics) {
            for (String topic : topics) {
                String name = topic == null ? null : topic.strip();
                if (!TopicNames.isValid(name)) {
                    throw new IllegalArgumentException("topic '" + topic + "' is invalid: it must be 1-128"
                            + " characters of A-Z a-z 0-9 . _ : @ / -");
                }
                this.topics.add(name);
            }
            return this;
        }

        /**
         * Whether the client acknowledges messages itself once the listener has returned (default true): after
         * each batch read from the connection that held an ACK_REQUIRED packet, one cumulative ack of the highest
         * seq processed, with at most one ack stream open at a time. When false, call {@link PushClient#ack(long)}.
         */
        public Builder autoAck(boolean autoAck) {
            this.autoAck = autoAck;
            return this;
        }

        /** The largest payload accepted; the server's {@code maxPayloadBytes} (default 1 MiB). */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = PushPacketDecoder.requireValidMaxPayload(maxPayloadBytes);
            return this;
        }

        /**
         * T1 of docs/PROTOCOL.md §5: after this long without a frame from the server, the client sends a PING. By
         * default the server's {@code push-heartbeat} (60 s until the server has said it). HTTP/1.1 has no PING: see
         * {@link #heartbeatServer}.
         */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = requirePositive(heartbeat, "heartbeat");
            return this;
        }

        /**
         * T2 of docs/PROTOCOL.md §5, the server's {@code heartbeatServerSeconds}: over HTTP/1.1, which has no PING,
         * the server writes a HEARTBEAT packet after this long without writing, and a push stream that carried no
         * byte for T2 + T3 is dead (§10). The server does not say it; by default the longer of the protocol's 90 s
         * and the server's {@code push-heartbeat}. Used over HTTP/1.1 only.
         */
        public Builder heartbeatServer(Duration heartbeatServer) {
            this.heartbeatServer = requirePositive(heartbeatServer, "heartbeatServer");
            return this;
        }

        /**
         * T3 of docs/PROTOCOL.md §5: a PING not answered within this time means the connection is dead, and the client
         * closes it (and reconnects, when it does); over HTTP/1.1, the grace after T2 (see {@link #heartbeatServer}).
         * Default 10 s.
         */
        public Builder heartbeatTimeout(Duration heartbeatTimeout) {
            this.heartbeatTimeout = requirePositive(heartbeatTimeout, "heartbeatTimeout");
            return this;
        }

        /**
         * Reconnects after a lost session (docs/PROTOCOL.md §8), waiting as the policy says, usually
         * {@link ReconnectPolicy#STANDARD}; a refusal of the push stream with a 4xx status stops it. Off by
         * default: then a client connects once per {@link PushClient#connect()}.
         */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What the client speaks (docs/PROTOCOL.md §10): {@link Transport#SPDY} (the default), {@link Transport#H2},
         * {@link Transport#HTTP1}, or {@link Transport#AUTO}, which over TLS takes whichever of them the server picks
         * and in cleartext speaks SPDY/3.1. In cleartext the client speaks it with prior knowledge; over TLS it offers
         * it by ALPN and fails a connection where the server selects another.
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * TLS with the given context; it must offer the transport's protocols over ALPN, as
         * {@link ClientTls#context(javax.net.ssl.TrustManagerFactory, Transport)} does.
         */
        public Builder tls(SslContext sslContext) {
            this.sslContext = sslContext;
            this.defaultTls = false;
            return this;
        }

        /**
         * TLS with {@link ClientTls#context(javax.net.ssl.TrustManagerFactory, Transport)} for the transport and the
         * JVM's default trust store, or cleartext (the default).
         */
        public Builder tls(boolean tls) {
            this.sslContext = null;
            this.defaultTls = tls;
            return this;
        }

        public Builder listener(PushListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Keeps pushed sub-resources and tells the server about them (§3.2, {@code push-have}), so that it does
         * not push them again: for example a shared {@link InMemoryResourceCache}. None by default.
         */
        public Builder resourceCache(ResourceCache resourceCache) {
            this.resourceCache = resourceCache;
            return this;
        }

        /**
         * Runs the connection on a NIO group the caller owns (a {@code MultiThreadIoEventLoopGroup} with
         * {@code NioIoHandler}), to share it among many clients; {@code close()} then leaves it running.
         * By default each client has its own single-thread group.
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        public PushClient build() {
            if (servers == null) {
                throw new IllegalStateException("server(host, port) or servers(...) is required");
            }
            if (clientId == null) {
                throw new IllegalStateException("clientId(...) is required");
            }
            if (listener == null) {
                throw new IllegalStateException("listener(...) is required");
            }
            if (token != null && tokenProvider != null) {
                throw new IllegalStateException("give token(...) or tokenProvider(...), not both");
            }
            ClientSettings settings = new ClientSettings(servers.get(0).host(), servers.get(0).port(), clientId, token,
                    lastSeqStore != null ? lastSeqStore : new InMemoryLastSeqStore(), topics, autoAck,
                    maxPayloadBytes, transport, defaultTls ? ClientTls.context(null, transport) : sslContext,
                    listener, resourceCache, heartbeat, heartbeatServer, heartbeatTimeout);
            if (group != null) {
                return new PushClient(settings, tokenProvider, servers, reconnect, group, false);
            }
            // Daemon threads: a client that is never closed does not keep the JVM alive.
            EventLoopGroup own = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory("push-client", true), NioIoHandler.newFactory());
            return new PushClient(settings, tokenProvider, servers, reconnect, own, true);
        }

        private static Duration requirePositive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " " + duration + " must be a positive duration");
            }
            return duration;
        }
    }
}
