package io.spdypush.rar.spdy;

import java.time.Duration;

/**
 * The settings of the SPDY push server, checked once at start. Each error names the
 * resource adapter config property to fix.
 *
 * @param bindAddress          address to listen on
 * @param spdyPort             port to listen on; 0 picks a free one (tests)
 * @param heartbeatClient      T1, recommended to clients in {@code push-heartbeat}
 * @param heartbeatServer      T2: the server PINGs a client that sent no PING for this long
 * @param heartbeatTimeout     T3: a session whose PING is not answered within this is closed
 * @param pushStreamTimeout    a connection that opens no push stream within this is dropped
 * @param maxConcurrentStreams SETTINGS MAX_CONCURRENT_STREAMS
 * @param maxHeaderBytes       largest decompressed header block accepted on a stream
 * @param maxPayloadBytes      largest payload accepted for a message
 * @param outboxMaxMessages    messages one client may have pending
 * @param outboxMaxBytes       bytes one client may have pending
 * @param shutdownGrace        how long open streams may finish after GOAWAY at shutdown
 * @param eventLoopThreads     threads taken from the WorkManager for the event loops
 * @param maxSessions          push sessions online at once; more are refused with 503 and retry-after
 * @param maxRequestBytes      largest business request body; a larger one gets 413
 * @param requestTimeout       how long a business request may wait for the application's answer (then 503)
 * @param maxRequestsInFlight  business requests handed to the application and not yet answered, all
 *                             sessions together; more get 503 with retry-after
 * @param maxFramesPerSecond   frames of any kind that one session may send per second (docs/PROTOCOL.md §4): over
 *                             it a new stream gets RST_STREAM REFUSED_STREAM, and a session over twice it, or
 *                             sending more PINGs than it, is flooding (GOAWAY PROTOCOL_ERROR)
 * @param writeTimeout         how long a connection may leave what the server writes unread before it is
 *                             closed; meanwhile nothing more is read from it
 * @param maxConnectionsPerAddress connections one address may have open at once, with or without a push
 *                             stream; more are closed as they are accepted
 * @param allowedOrigins       the origins, comma-separated, whose browser pages may use the push port (CORS,
 *                             docs/PROTOCOL.md §10); none when empty
 * @param serverPoolMaxBytes   cap of the {@code server} memory pool (topic and broadcast messages): over it a new
 *                             one is refused
 * @param sessionPoolMaxBytes  cap of the {@code session} memory pool (packet headers being written): over it a new
 *                             push stream gets 503
 * @param streamPoolMaxBytes   cap of the {@code stream} memory pool (request and reply bodies): over it a request
 *                             gets 503
 * @param messagePoolMaxBytes  cap of the {@code message} memory pool (messages to one client each): over it a new
 *                             one is refused
 * @param memoryPoolReuse      whether the pools keep freed arrays for reuse (false only to measure what reuse saves)
 */
public record ServerConfig(String bindAddress, int spdyPort, Duration heartbeatClient, Duration heartbeatServer,
                           Duration heartbeatTimeout, Duration pushStreamTimeout, int maxConcurrentStreams,
                           int maxHeaderBytes,
                           int maxPayloadBytes, int outboxMaxMessages, long outboxMaxBytes,
                           Duration shutdownGrace, int eventLoopThreads, int maxSessions, int maxRequestBytes,
                           Duration requestTimeout, int maxRequestsInFlight, int maxFramesPerSecond,
                           Duration writeTimeout, int maxConnectionsPerAddress, String allowedOrigins,
                           long serverPoolMaxBytes, long sessionPoolMaxBytes, long streamPoolMaxBytes,
                           long messagePoolMaxBytes, boolean memoryPoolReuse) {

    public static final int LARGEST_PAYLOAD = 15 * 1024 * 1024;

    public ServerConfig {
        require(bindAddress != null && !bindAddress.isBlank(), "bindAddress", "bindAddress must not be empty");
        require(spdyPort >= 0 && spdyPort <= 65535, "spdyPort", "spdyPort " + spdyPort + " is out of range 1-65535");
        requirePositiveSeconds(heartbeatClient, "heartbeatClientSeconds");
        requirePositiveSeconds(heartbeatServer, "heartbeatServerSeconds");
        requirePositiveSeconds(heartbeatTimeout, "heartbeatTimeoutSeconds");
        requirePositiveSeconds(pushStreamTimeout, "pushStreamTimeoutSeconds");
        require(maxConcurrentStreams >= 2, "maxConcurrentStreams", "maxConcurrentStreams " + maxConcurrentStreams
                + " is too small: the push stream and at least one normal stream must fit");
        require(maxHeaderBytes >= 1024 && maxHeaderBytes <= 1024 * 1024, "maxHeaderBytes", "maxHeaderBytes "
                + maxHeaderBytes + " is out of range 1024-1048576");
        require(maxPayloadBytes >= 0 && maxPayloadBytes <= LARGEST_PAYLOAD, "maxPayloadBytes", "maxPayloadBytes "
                + maxPayloadBytes + " is out of range 0-" + LARGEST_PAYLOAD + " (a packet is at most 16 MiB)");
        require(outboxMaxMessages >= 1, "outboxMaxMessages",
                "outboxMaxMessages " + outboxMaxMessages + " must be at least 1");
        require(outboxMaxBytes >= maxPayloadBytes, "outboxMaxBytes", "outboxMaxBytes " + outboxMaxBytes
                + " must be at least maxPayloadBytes (" + maxPayloadBytes + ")");
        require(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdownGraceSeconds",
                "shutdownGraceSeconds must not be negative");
        require(eventLoopThreads >= 1, "eventLoopThreads",
                "eventLoopThreads " + eventLoopThreads + " must be at least 1");
        require(maxSessions >= 1, "maxSessions", "maxSessions " + maxSessions + " must be at least 1");
        require(maxRequestBytes >= 0 && maxRequestBytes <= LARGEST_PAYLOAD, "maxRequestBytes", "maxRequestBytes "
                + maxRequestBytes + " is out of range 0-" + LARGEST_PAYLOAD);
        requirePositiveSeconds(requestTimeout, "requestTimeoutSeconds");
        require(maxRequestsInFlight >= 1, "maxRequestsInFlight",
                "maxRequestsInFlight " + maxRequestsInFlight + " must be at least 1");
        require(maxFramesPerSecond >= 2, "maxFramesPerSecond",
                "maxFramesPerSecond " + maxFramesPerSecond + " must be at least 2");
        requirePositiveSeconds(writeTimeout, "writeTimeoutSeconds");
        require(maxConnectionsPerAddress >= 1, "maxConnectionsPerAddress",
                "maxConnectionsPerAddress " + maxConnectionsPerAddress + " must be at least 1");
        requirePoolCap(serverPoolMaxBytes, maxPayloadBytes, "serverPoolMaxBytes", "maxPayloadBytes");
        requirePoolCap(messagePoolMaxBytes, maxPayloadBytes, "messagePoolMaxBytes", "maxPayloadBytes");
        requirePoolCap(streamPoolMaxBytes, maxRequestBytes, "streamPoolMaxBytes", "maxRequestBytes");
        requirePoolCap(sessionPoolMaxBytes, 0, "sessionPoolMaxBytes", "");
        allowedOrigins = allowedOrigins == null ? "" : allowedOrigins;
        for (String origin : CorsPolicy.origins(allowedOrigins)) {
            require(CorsPolicy.isOrigin(origin), "allowedOrigins", "allowedOrigins names " + origin
                    + ", which is not an origin: scheme://host or scheme://host:port, without a path");
        }
    }

    /** A cap must let the pool hold at least one of the largest things it is for. */
    private static void requirePoolCap(long cap, int largestItem, String property, String largestProperty) {
        require(cap >= Math.max(1, largestItem), property, property + " " + cap + " must be at least "
                + (largestItem > 0 ? largestProperty + " (" + largestItem + ")" : "1"));
    }

    private static void requirePositiveSeconds(Duration value, String property) {
        require(value != null && value.toSeconds() >= 1, property, property + " "
                + (value == null ? "(none)" : value.toSeconds()) + " must be a positive number of seconds");
    }

    private static void require(boolean condition, String property, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message + " (resource adapter config property " + property + ")");
        }
    }
}
