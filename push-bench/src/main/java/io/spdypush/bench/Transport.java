package io.spdypush.bench;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A way to receive pushes: ours (SPDY/3.1, or HTTP/2 on the same port) or an alternative, all driven alike by the bench. */
interface Transport {

    /** Short name used in tables and files: spdy, h2, ws, sse. */
    String name();

    /**
     * Connects from the local address (any port) and opens the push stream or its equivalent.
     *
     * @param lastSeq the highest seq already processed, or -1 for none (only SPDY resumes)
     */
    CompletableFuture<Session> open(String clientId, long lastSeq, InetAddress local, Receiver receiver);

    /** Path (under the HTTP port) that pushes one message to a client, kept in memory only. */
    String unicastPath(String clientId);

    /**
     * Path that pushes one message to a client stored until it is acknowledged (ours, at least once),
     * when the transport can: a guarantee the alternatives do not give, so measured on its own.
     */
    default Optional<String> storedUnicastPath(String clientId) {
        return Optional.empty();
    }

    /** Path that takes many messages in one call (ours, {@code POST /push/api/batch}); empty when there is none. */
    default Optional<String> batchPath() {
        return Optional.empty();
    }

    /** Path (under the HTTP port) that pushes one message to every session online. */
    String broadcastPath();

    /** Whether the transport is the push server's own (SPDY or HTTP/2 on its port), not an alternative. */
    static boolean isOurs(String name) {
        return name.equals("spdy") || name.equals("h2");
    }

    static Transport of(String name, Endpoints endpoints) {
        return switch (name) {
            case "spdy" -> new SpdyTransport(endpoints);
            case "h2" -> new H2Transport(endpoints);
            case "ws" -> new WebSocketTransport(endpoints);
            case "sse" -> new SseTransport(endpoints);
            default -> throw new IllegalArgumentException("unknown transport " + name + " (spdy, h2, ws or sse)");
        };
    }
}
