package io.spdypush.rar.jca;

import io.netty.handler.ssl.SslContext;
import io.spdypush.protocol.ProtocolDefaults;
import io.spdypush.api.AdapterSetting;
import io.spdypush.rar.outbox.OutboxStore;
import io.spdypush.rar.spdy.ClientClaims;
import io.spdypush.rar.spdy.PushServer;
import io.spdypush.rar.spdy.ServerConfig;
import io.spdypush.rar.spdy.ServerTls;
import io.spdypush.rar.token.TokenSigner;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The push resource adapter: runs the SPDY/3.1 push server from {@code start()} to
 * {@code stop()}. Each config property can be overridden, without repackaging, by the
 * system property {@code spdypush.<name>}.
 */
@Connector(
        displayName = "spdypush SPDY/3.1 push adapter",
        vendorName = "spdypush",
        eisType = "SPDY/3.1 push clients",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class PushResourceAdapter implements ResourceAdapter, Serializable {

    private static final Logger LOG = Logger.getLogger(PushResourceAdapter.class.getName());

    @ConfigProperty(defaultValue = "7070", description = "TCP port of the SPDY listener")
    private Integer spdyPort = 7070;

    @ConfigProperty(defaultValue = "0.0.0.0", description = "Address the SPDY listener binds to")
    private String bindAddress = "0.0.0.0";

    @ConfigProperty(defaultValue = "" + ProtocolDefaults.HEARTBEAT_CLIENT_SECONDS,
            description = "T1: client heartbeat period recommended in push-heartbeat")
    private Integer heartbeatClientSeconds = ProtocolDefaults.HEARTBEAT_CLIENT_SECONDS;

    @ConfigProperty(defaultValue = "" + ProtocolDefaults.HEARTBEAT_SERVER_SECONDS,
            description = "T2: PING a client that sent no PING for this long")
    private Integer heartbeatServerSeconds = ProtocolDefaults.HEARTBEAT_SERVER_SECONDS;

    @ConfigProperty(defaultValue = "" + ProtocolDefaults.HEARTBEAT_TIMEOUT_SECONDS,
            description = "T3: close a session whose PING is unanswered this long")
    private Integer heartbeatTimeoutSeconds = ProtocolDefaults.HEARTBEAT_TIMEOUT_SECONDS;

    @ConfigProperty(defaultValue = "10", description = "Drop a connection that opens no push stream this long")
    private Integer pushStreamTimeoutSeconds = 10;

    @ConfigProperty(defaultValue = "100", description = "SETTINGS MAX_CONCURRENT_STREAMS per session")
    private Integer maxConcurrentStreams = 100;

    @ConfigProperty(defaultValue = "" + ProtocolDefaults.MAX_HEADER_BYTES,
            description = "Largest decompressed header block of a stream")
    private Integer maxHeaderBytes = ProtocolDefaults.MAX_HEADER_BYTES;

    @ConfigProperty(defaultValue = "" + ProtocolDefaults.MAX_PAYLOAD_BYTES, description = "Largest message payload in bytes")
    private Integer maxPayloadBytes = ProtocolDefaults.MAX_PAYLOAD_BYTES;

    @ConfigProperty(defaultValue = "10000", description = "Messages one client may have unacknowledged")
    private Integer outboxMaxMessages = 10_000;

    @ConfigProperty(defaultValue = "67108864", description = "Bytes one client may have unacknowledged")
    private Long outboxMaxBytes = 64L * 1024 * 1024;

    @ConfigProperty(defaultValue = "536870912", description = "Bytes all clients' outboxes may hold together;"
            + " a message that would go over is refused")
    private Long outboxMaxTotalBytes = 512L * 1024 * 1024;

    @ConfigProperty(defaultValue = "134217728", description = "Cap of the server memory pool (topic and broadcast"
            + " messages); over it a new one is refused")
    private Long serverPoolMaxBytes = 128L * 1024 * 1024;

    @ConfigProperty(defaultValue = "67108864", description = "Cap of the session memory pool (packet headers being"
            + " written); over it a new push stream gets 503")
    private Long sessionPoolMaxBytes = 64L * 1024 * 1024;

    @ConfigProperty(defaultValue = "268435456", description = "Cap of the stream memory pool (request and reply"
            + " bodies); over it a request gets 503")
    private Long streamPoolMaxBytes = 256L * 1024 * 1024;

    @ConfigProperty(defaultValue = "536870912", description = "Cap of the message memory pool (messages to one"
            + " client each); over it a new one is refused")
    private Long messagePoolMaxBytes = 512L * 1024 * 1024;

    @ConfigProperty(defaultValue = "true", description = "Whether the memory pools reuse freed buffers (false only"
            + " to measure what reuse saves)")
    private Boolean memoryPoolReuse = true;

    @ConfigProperty(defaultValue = "5", description = "Seconds open streams may finish after GOAWAY at shutdown")
    private Integer shutdownGraceSeconds = 5;

    @ConfigProperty(defaultValue = "2", description = "Event loop threads taken from the WorkManager")
    private Integer eventLoopThreads = 2;

    @ConfigProperty(defaultValue = "100000", description = "Push sessions online at once; more get 503 with retry-after")
    private Integer maxSessions = 100000;

    @ConfigProperty(defaultValue = "1048576", description = "Largest business request body in bytes; larger gets 413")
    private Integer maxRequestBytes = 1048576;

    @ConfigProperty(defaultValue = "30", description = "How long a business request waits for the application (then 503)")
    private Integer requestTimeoutSeconds = 30;

    @ConfigProperty(defaultValue = "256", description = "Business requests being answered at once, all sessions; more get 503")
    private Integer maxRequestsInFlight = 256;

    @ConfigProperty(defaultValue = "500", description = "Frames one session may send per second: over it new"
            + " streams are refused, over twice it (or more PINGs than it) the session is closed as a flood")
    private Integer maxFramesPerSecond = 500;

    @ConfigProperty(defaultValue = "30", description = "Close a connection that reads nothing the server writes"
            + " this long; meanwhile nothing more is read from it")
    private Integer writeTimeoutSeconds = 30;

    @ConfigProperty(defaultValue = "1000", description = "Connections one client address may have open at once;"
            + " more are closed as they are accepted")
    private Integer maxConnectionsPerAddress = 1000;

    @ConfigProperty(defaultValue = "", description = "Origins (scheme://host[:port], comma-separated) whose browser"
            + " pages may use the push port: CORS is answered for these only; none by default")
    private String allowedOrigins = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = "HMAC-SHA256 secret of client tokens,"
            + " at least 32 bytes (openssl rand -base64 32); a random one per start when empty")
    private String tokenSecret = "";

    @ConfigProperty(defaultValue = "2592000", description = "Longest validity of a client token in seconds;"
            + " a token valid for longer is neither minted nor accepted")
    private Integer maxTokenLifetimeSeconds = 30 * 24 * 3600;

    @ConfigProperty(defaultValue = "", description = "Where unacknowledged messages are kept from stop to start;"
            + " the server instance's directory (or the temporary directory) + /spdypush when empty")
    private String dataDirectory = "";

    @ConfigProperty(defaultValue = "", description = "Key store (PKCS12 or JKS) for TLS; cleartext when empty")
    private String tlsKeyStore = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = "Password of tlsKeyStore")
    private String tlsKeyStorePassword = "";

    private transient volatile PushServer server;
    private transient volatile List<AdapterSetting> settings;
    private transient volatile WorkManagerExecutor workers;
    private transient volatile EndpointEvents events;
    private transient volatile EndpointClaims claims;
    private final transient Map<MessageEndpointFactory, EndpointRequestHandler> activations =
            new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            workers = new WorkManagerExecutor(context.getWorkManager());
            events = new EndpointEvents(activations, workers);
            claims = new EndpointClaims(workers);
            ServerConfig config = config();
            Path data = dataDirectory();
            List<AdapterSetting> inEffect = settingsInEffect(data);
            PushServer starting = new PushServer(config, tokenSigner(), tls(), workers,
                    new OutboxStore(data.resolve("outboxes-" + config.spdyPort() + ".bin")), events,
                    AdapterSettings.longValue("outboxMaxTotalBytes", outboxMaxTotalBytes));
            starting.start();
            settings = inEffect;
            server = starting;
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.log(Level.SEVERE, "The push adapter cannot start: {0}", e.getMessage());
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
    }

    /** The TLS context of the configured key store, or null for cleartext. */
    private SslContext tls() {
        String keyStore = AdapterSettings.string("tlsKeyStore", tlsKeyStore);
        if (keyStore == null || keyStore.isBlank()) {
            return null;
        }
        return ServerTls.fromKeyStore(keyStore, AdapterSettings.string("tlsKeyStorePassword", tlsKeyStorePassword));
    }

    TokenSigner tokenSigner() {
        return new TokenSigner(tokenSecret(),
                Duration.ofSeconds(AdapterSettings.integer("maxTokenLifetimeSeconds", maxTokenLifetimeSeconds)));
    }

    /** The configured secret, or a random one for this run, said in the log but never printed. */
    private String tokenSecret() {
        String configured = AdapterSettings.string("tokenSecret", tokenSecret);
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        LOG.info("No tokenSecret is configured: generated a random one for this run, so tokens minted now stop"
                + " working when the adapter restarts. Set the resource adapter config property tokenSecret"
                + " (or the system property spdypush.tokenSecret) to keep them valid.");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The configured data directory, else the server instance's own, else the temporary directory. */
    private Path dataDirectory() {
        String configured = AdapterSettings.string("dataDirectory", dataDirectory);
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String instanceRoot = System.getProperty("com.sun.aas.instanceRoot");
        return Path.of(instanceRoot != null ? instanceRoot : System.getProperty("java.io.tmpdir"), "spdypush");
    }

    /**
     * The config properties as the adapter runs with them, for the pages: what {@link #start} read, and
     * for the properties left empty what it used instead (the data directory it worked out, the secret it
     * generated, which stays hidden like a configured one).
     */
    List<AdapterSetting> settingsInEffect(Path dataDirectory) {
        return AdapterSettings.inEffect(this, Map.of(
                "dataDirectory", new AdapterSetting("dataDirectory", dataDirectory.toString(),
                        "default: the server instance's directory (or the temporary directory) + /spdypush"),
                "tokenSecret", new AdapterSetting("tokenSecret", AdapterSetting.HIDDEN,
                        "generated at start: tokens stop working when the adapter restarts")));
    }

    @Override
    public void stop() {
        PushServer stopping = server;
        server = null;
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** The running server, for the outbound connections. */
    PushServer server() throws ResourceException {
        PushServer running = server;
        if (running == null) {
            throw new ResourceException("The push adapter is not started");
        }
        return running;
    }

    /** How this node claims clients when it is one of a cluster: through the bean activated with clientClaims. */
    ClientClaims clientClaims() throws ResourceException {
        server();
        return claims;
    }

    /** What {@link #settingsInEffect} said at start. */
    List<AdapterSetting> settings() throws ResourceException {
        List<AdapterSetting> running = settings;
        if (running == null || server == null) {
            throw new ResourceException("The push adapter is not started");
        }
        return running;
    }

    /** The server's settings from the config properties in effect, each component from the property of its name. */
    ServerConfig config() {
        return AdapterSettings.record(ServerConfig.class, this);
    }

    /** Routes the business requests under the spec's {@code pathPrefix} to the message-driven bean. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof PushActivationSpec pushSpec)) {
            throw new NotSupportedException("The push adapter activates PushListener beans only, not "
                    + spec.getClass().getName());
        }
        pushSpec.validate();
        EndpointRequestHandler handler = new EndpointRequestHandler(endpointFactory, workers);
        if (pushSpec.claimsClients()) {
            MessageEndpointFactory replaced = claims.activated(endpointFactory);
            if (replaced != null) {
                LOG.log(Level.WARNING, "{0} replaces {1} as the bean that claims clients for this node (clientClaims)",
                        new Object[]{endpointFactory.getActivationName(), replaced.getActivationName()});
            }
        }
        if (pushSpec.answersRequests()) {
            server().routes().register(pushSpec.getPathPrefix(), handler);
            LOG.log(Level.INFO, "{0} answers business requests under {1} and hears the push events",
                    new Object[]{endpointFactory.getActivationName(), pushSpec.getPathPrefix()});
        } else {
            LOG.log(Level.INFO, "{0} hears the push events", endpointFactory.getActivationName());
        }
        activations.put(endpointFactory, handler);
    }

    /** Stops routing requests to the bean and waits, at most shutdownGraceSeconds, for those under way. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        EndpointRequestHandler handler = activations.remove(endpointFactory);
        EndpointClaims claiming = claims;
        if (claiming != null) {
            claiming.deactivated(endpointFactory);
        }
        PushServer running = server;
        if (handler == null || running == null) {
            return;
        }
        running.routes().unregister(handler);
        handler.awaitDeliveries(running.config().shutdownGrace());
        events.awaitDelivered(endpointFactory, running.config().shutdownGrace());
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    public Integer getSpdyPort() {
        return spdyPort;
    }

    public void setSpdyPort(Integer spdyPort) {
        this.spdyPort = spdyPort;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getHeartbeatClientSeconds() {
        return heartbeatClientSeconds;
    }

    public void setHeartbeatClientSeconds(Integer heartbeatClientSeconds) {
        this.heartbeatClientSeconds = heartbeatClientSeconds;
    }

    public Integer getHeartbeatServerSeconds() {
        return heartbeatServerSeconds;
    }

    public void setHeartbeatServerSeconds(Integer heartbeatServerSeconds) {
        this.heartbeatServerSeconds = heartbeatServerSeconds;
    }

    public Integer getHeartbeatTimeoutSeconds() {
        return heartbeatTimeoutSeconds;
    }

    public void setHeartbeatTimeoutSeconds(Integer heartbeatTimeoutSeconds) {
        this.heartbeatTimeoutSeconds = heartbeatTimeoutSeconds;
    }

    public Integer getPushStreamTimeoutSeconds() {
        return pushStreamTimeoutSeconds;
    }

    public void setPushStreamTimeoutSeconds(Integer pushStreamTimeoutSeconds) {
        this.pushStreamTimeoutSeconds = pushStreamTimeoutSeconds;
    }

    public Integer getMaxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    public void setMaxConcurrentStreams(Integer maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    public Integer getMaxHeaderBytes() {
        return maxHeaderBytes;
    }

    public void setMaxHeaderBytes(Integer maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    public Integer getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(Integer maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Integer getOutboxMaxMessages() {
        return outboxMaxMessages;
    }

    public void setOutboxMaxMessages(Integer outboxMaxMessages) {
        this.outboxMaxMessages = outboxMaxMessages;
    }

    public Long getOutboxMaxBytes() {
        return outboxMaxBytes;
    }

    public void setOutboxMaxBytes(Long outboxMaxBytes) {
        this.outboxMaxBytes = outboxMaxBytes;
    }

    public Long getOutboxMaxTotalBytes() {
        return outboxMaxTotalBytes;
    }

    public void setOutboxMaxTotalBytes(Long outboxMaxTotalBytes) {
        this.outboxMaxTotalBytes = outboxMaxTotalBytes;
    }

    public Long getServerPoolMaxBytes() {
        return serverPoolMaxBytes;
    }

    public void setServerPoolMaxBytes(Long serverPoolMaxBytes) {
        this.serverPoolMaxBytes = serverPoolMaxBytes;
    }

    public Long getSessionPoolMaxBytes() {
        return sessionPoolMaxBytes;
    }

    public void setSessionPoolMaxBytes(Long sessionPoolMaxBytes) {
        this.sessionPoolMaxBytes = sessionPoolMaxBytes;
    }

    public Long getStreamPoolMaxBytes() {
        return streamPoolMaxBytes;
    }

    public void setStreamPoolMaxBytes(Long streamPoolMaxBytes) {
        this.streamPoolMaxBytes = streamPoolMaxBytes;
    }

    public Long getMessagePoolMaxBytes() {
        return messagePoolMaxBytes;
    }

    public void setMessagePoolMaxBytes(Long messagePoolMaxBytes) {
        this.messagePoolMaxBytes = messagePoolMaxBytes;
    }

    public Boolean getMemoryPoolReuse() {
        return memoryPoolReuse;
    }

    public void setMemoryPoolReuse(Boolean memoryPoolReuse) {
        this.memoryPoolReuse = memoryPoolReuse;
    }

    public Integer getShutdownGraceSeconds() {
        return shutdownGraceSeconds;
    }

    public void setShutdownGraceSeconds(Integer shutdownGraceSeconds) {
        this.shutdownGraceSeconds = shutdownGraceSeconds;
    }

    public Integer getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(Integer eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    public String getTlsKeyStore() {
        return tlsKeyStore;
    }

    public void setTlsKeyStore(String tlsKeyStore) {
        this.tlsKeyStore = tlsKeyStore;
    }

    public String getTlsKeyStorePassword() {
        return tlsKeyStorePassword;
    }

    public void setTlsKeyStorePassword(String tlsKeyStorePassword) {
        this.tlsKeyStorePassword = tlsKeyStorePassword;
    }

    public String getTokenSecret() {
        return tokenSecret;
    }

    public void setTokenSecret(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    public Integer getMaxTokenLifetimeSeconds() {
        return maxTokenLifetimeSeconds;
    }

    public void setMaxTokenLifetimeSeconds(Integer maxTokenLifetimeSeconds) {
        this.maxTokenLifetimeSeconds = maxTokenLifetimeSeconds;
    }

    /** One adapter instance per deployment: identity is equality (JCA 1.7 §5.3.1). */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
    public Integer getMaxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(Integer maxSessions) {
        this.maxSessions = maxSessions;
    }

    public Integer getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(Integer maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public Integer getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    public void setRequestTimeoutSeconds(Integer requestTimeoutSeconds) {
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }

    public Integer getMaxRequestsInFlight() {
        return maxRequestsInFlight;
    }

    public void setMaxRequestsInFlight(Integer maxRequestsInFlight) {
        this.maxRequestsInFlight = maxRequestsInFlight;
    }

    public Integer getMaxFramesPerSecond() {
        return maxFramesPerSecond;
    }

    public void setMaxFramesPerSecond(Integer maxFramesPerSecond) {
        this.maxFramesPerSecond = maxFramesPerSecond;
    }

    public Integer getWriteTimeoutSeconds() {
        return writeTimeoutSeconds;
    }

    public void setWriteTimeoutSeconds(Integer writeTimeoutSeconds) {
        this.writeTimeoutSeconds = writeTimeoutSeconds;
    }

    public Integer getMaxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public void setMaxConnectionsPerAddress(Integer maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    public String getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(String allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public String getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }
}
