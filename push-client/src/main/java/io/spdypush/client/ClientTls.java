package io.spdypush.client;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS: the JDK provider with ALPN offering the protocols of a {@link Transport} (docs/PROTOCOL.md §1,
 * §10).
 */
public final class ClientTls {

    /** The ALPN protocol id of SPDY/3.1. */
    public static final String ALPN_SPDY_3_1 = "spdy/3.1";
    /** The ALPN protocol id of HTTP/2 over TLS. */
    public static final String ALPN_H2 = "h2";
    /** The ALPN protocol id of HTTP/1.1. */
    public static final String ALPN_HTTP_1_1 = "http/1.1";

    private ClientTls() {
    }

    /** A client context for SPDY/3.1: {@code context(trust, Transport.SPDY)}. */
    public static SslContext context(TrustManagerFactory trust) {
        return context(trust, Transport.SPDY);
    }

    /**
     * A client context that verifies the server's certificate and host name, and offers the transport's protocols
     * over ALPN.
     *
     * @param trust the certificates to trust, or null for the JVM's default trust store (which
     *              {@code -Djavax.net.ssl.trustStore} can replace)
     */
    public static SslContext context(TrustManagerFactory trust, Transport transport) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trust)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            transport.alpnProtocols()))
                    .build();
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS for the push client: " + e.getMessage(), e);
        }
    }
}
