package io.spdypush.client;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** The client's TLS: the JDK provider with ALPN offering only {@code spdy/3.1} (docs/PROTOCOL.md §1). */
public final class ClientTls {

    /** The ALPN protocol id of SPDY/3.1. */
    public static final String ALPN_SPDY_3_1 = "spdy/3.1";

    private ClientTls() {
    }

    /**
     * A client context that verifies the server's certificate and host name.
     *
     * @param trust the certificates to trust, or null for the JVM's default trust store (which
     *              {@code -Djavax.net.ssl.trustStore} can replace)
     */
    public static SslContext context(TrustManagerFactory trust) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trust)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ALPN_SPDY_3_1))
                    .build();
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS for the push client: " + e.getMessage(), e);
        }
    }
}
