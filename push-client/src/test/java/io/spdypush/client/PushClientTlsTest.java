package io.spdypush.client;

import io.spdypush.testing.Packets;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client over TLS with ALPN, against the same peer behind a TLS handler. */
class PushClientTlsTest {

    private static X509Bundle certificate;

    private final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();

    @BeforeAll
    static void createCertificate() throws Exception {
        certificate = new CertificateBuilder()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true)
                .ecp256()
                .buildSelfSigned();
    }

    @Test
    void connectsOverTlsWhenTheServerSelectsSpdyOverAlpn() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer(serverTls(ClientTls.ALPN_SPDY_3_1));
             PushClient client = client(server)) {

            client.connect().get(10, SECONDS);
            server.push(Packets.text(1, "m-1", "over tls"), 3, 1000);

            assertThat(received.poll(10, SECONDS).text(), is("over tls"));
            assertThat(server.pushRequests.poll(10, SECONDS).headers().get(":scheme"), is("https"));
        }
    }

    @Test
    void refusesAServerThatDoesNotSelectSpdy() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer(serverTls("http/1.1"));
             PushClient client = client(server)) {

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.connect().get(10, SECONDS));

            assertThat(failure.getCause(), instanceOf(SessionClosedException.class));
            assertThat(failure.getCause().getMessage(), containsString("did not select spdy/3.1 over ALPN"));
        }
    }

    @Test
    void refusesACertificateItDoesNotTrust() throws Exception {
        try (TestSpdyServer server = new TestSpdyServer(serverTls(ClientTls.ALPN_SPDY_3_1));
             PushClient client = client(server, ClientTls.context(null))) {

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.connect().get(10, SECONDS));

            assertThat(failure.getCause().getMessage(), containsString("TLS handshake with 127.0.0.1:"));
            assertThat(server.pushRequests.isEmpty(), is(true));
        }
    }

    private PushClient client(TestSpdyServer server) throws Exception {
        return client(server, ClientTls.context(certificate.toTrustManagerFactory()));
    }

    private PushClient client(TestSpdyServer server, SslContext tls) {
        return PushClient.builder()
                .server("127.0.0.1", server.port())
                .clientId("device-42")
                .tls(tls)
                .listener(received::add)
                .build();
    }

    private static SslContext serverTls(String protocol) throws Exception {
        return SslContextBuilder.forServer(certificate.toKeyManagerFactory())
                .sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        protocol))
                .build();
    }
}
