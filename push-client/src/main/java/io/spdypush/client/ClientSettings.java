package io.spdypush.client;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link PushClient} was built with, for one of its connections: {@code host} and {@code port} are
 * the server it connects to ({@link #at}). Immutable.
 *
 * @param lastSeqStore     where the highest processed seq is kept between sessions
 * @param transport        what the client speaks, or offers over TLS
 * @param heartbeat        T1 set by the application, or null to take the server's {@code push-heartbeat}
 * @param heartbeatServer  T2 set by the application, or null to reckon it from the protocol's and the server's T1
 * @param heartbeatTimeout T3
 */
record ClientSettings(String host, int port, String clientId, String token, LastSeqStore lastSeqStore,
                      List<String> topics, boolean autoAck, int maxPayloadBytes, Transport transport,
                      SslContext sslContext, PushListener listener, ResourceCache resourceCache, Duration heartbeat,
                      Duration heartbeatServer, Duration heartbeatTimeout) {

    ClientSettings {
        topics = List.copyOf(topics);
    }

    boolean tls() {
        return sslContext != null;
    }

    String scheme() {
        return tls() ? "https" : "http";
    }

    /** Leaves the token out: settings may be logged, a credential must not be. */
    @Override
    public String toString() {
        return "ClientSettings[" + authority() + ", clientId=" + clientId + ", transport=" + transport + ", tls="
                + tls() + ", autoAck=" + autoAck + ", lastSeqStore=" + lastSeqStore + ", topics=" + topics
                + ", maxPayloadBytes=" + maxPayloadBytes + ", heartbeat=" + (heartbeat == null ? "the server's"
                : heartbeat) + ", heartbeatServer=" + (heartbeatServer == null ? "reckoned" : heartbeatServer)
                + ", heartbeatTimeout=" + heartbeatTimeout + "]";
    }

    /** The {@code :host} value: host and port, an IPv6 literal in brackets. */
    String authority() {
        return new ServerAddress(host, port).toString();
    }

    /** These settings with the token a {@link TokenProvider} just gave. */
    ClientSettings withToken(String freshToken) {
        return new ClientSettings(host, port, clientId, freshToken, lastSeqStore, topics, autoAck, maxPayloadBytes,
                transport, sslContext, listener, resourceCache, heartbeat, heartbeatServer, heartbeatTimeout);
    }

    /** These settings for a connection to {@code server}, one of the client's servers. */
    ClientSettings at(ServerAddress server) {
        return new ClientSettings(server.host(), server.port(), clientId, token, lastSeqStore, topics, autoAck,
                maxPayloadBytes, transport, sslContext, listener, resourceCache, heartbeat, heartbeatServer,
                heartbeatTimeout);
    }
}
