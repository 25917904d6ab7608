package io.spdypush.rar.spdy;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * The TLS listener mode of docs/PROTOCOL.md §1 and §10: the JDK's TLS, with ALPN choosing {@code spdy/3.1},
 * {@code h2} or {@code http/1.1}, preferred in that order among those the client offers.
 */
public final class ServerTls {

    private ServerTls() {
    }

    /**
     * A server context from a key store file (PKCS12 or JKS) holding the server's key and
     * certificate chain.
     *
     * @throws IllegalArgumentException naming the config property that is wrong
     */
    public static SslContext fromKeyStore(String path, String password) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalArgumentException("tlsKeyStore " + path + " is not a readable file"
                    + " (resource adapter config property tlsKeyStore)");
        }
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance(file, secret);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, secret);
            return SslContextBuilder.forServer(keys)
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            Transports.ALPN_SPDY_3_1, Transports.ALPN_H2, Transports.ALPN_HTTP_1_1))
                    .build();
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(path, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw wrongPassword(path, e);
            }
            throw new IllegalArgumentException("tlsKeyStore " + path + " cannot be read: " + e.getMessage()
                    + " (resource adapter config property tlsKeyStore)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tlsKeyStore " + path + " holds no usable key: " + e.getMessage()
                    + " (resource adapter config property tlsKeyStore)", e);
        }
    }

    private static IllegalArgumentException wrongPassword(String path, Exception cause) {
        return new IllegalArgumentException("tlsKeyStorePassword does not open " + path
                + " (resource adapter config property tlsKeyStorePassword)", cause);
    }
}
