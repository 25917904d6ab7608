package io.spdypush.rar.spdy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.spdypush.api.PushMessage;
import io.spdypush.client.ClientTls;
import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.protocol.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.util.List;

import java.io.File;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** docs/PROTOCOL.md §1, TLS mode: a key store from configuration, ALPN spdy/3.1, the real client. */
class TlsTest {

    private static final String PASSWORD = "changeit";
    private static X509Bundle certificate;
    private static File keyStore;

    @BeforeAll
    static void createKeyStore() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        keyStore = certificate.toTempKeyStoreFile(PASSWORD.toCharArray());
        keyStore.deleteOnExit();
    }

    @Test
    void aClientNegotiatingSpdyOverAlpnReceivesItsPushes() throws Exception {
        PushServer server = TestServers.start(TestServers.config(),
                ServerTls.fromKeyStore(keyStore.getPath(), PASSWORD));
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = PushClient.builder().server("127.0.0.1", server.port()).clientId("device-1")
                .token(Tokens.mint(TestServers.SECRET, "device-1", Instant.now().plusSeconds(60).getEpochSecond()))
                .tls(ClientTls.context(certificate.toTrustManagerFactory()))
                .listener(received::add).build()) {
            client.connect().get(10, TimeUnit.SECONDS);
            server.send(PushMessage.to("device-1").text("over TLS"));
            ReceivedMessage message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message, notNullValue());
            assertThat(message.text(), is("over TLS"));
        } finally {
            server.stop();
        }
    }

    /** §10: ALPN picks h2, or http/1.1 for a client that offers only that; the server prefers spdy/3.1 when offered. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void alpnChoosesHttp2OrHttp11ForClientsWithoutSpdy(String offered) throws Exception {
        PushServer server = TestServers.start(TestServers.config(),
                ServerTls.fromKeyStore(keyStore.getPath(), PASSWORD));
        X509TrustManager trust = (X509TrustManager) certificate.toTrustManagerFactory().getTrustManagers()[0];
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{trust}, null);
        OkHttpClient http = new OkHttpClient.Builder()
                .protocols(offered.equals("h2") ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1))
                .sslSocketFactory(tls.getSocketFactory(), trust)
                .hostnameVerifier((host, session) -> true)
                .build();
        try (Response push = http.newCall(new Request.Builder().url("https://127.0.0.1:" + server.port() + "/push")
                .header("push-client", "device-1").header("authorization", "Bearer " + TestServers.token("device-1"))
                .build()).execute()) {
            assertThat(push.code(), is(200));
            assertThat(push.protocol().toString(), is(offered));
            assertThat(server.session("device-1").orElseThrow().transport(), is(offered));
            server.send(PushMessage.to("device-1").text("over TLS"));
            byte[] payload = PacketReader.read(push.body().byteStream(), 1).get(0).payload();
            assertThat(new String(payload, StandardCharsets.UTF_8), is("over TLS"));
        } finally {
            http.connectionPool().evictAll();
            http.dispatcher().executorService().shutdownNow();
            server.stop();
        }
    }

    @Test
    void aWrongPasswordNamesThePasswordProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerTls.fromKeyStore(keyStore.getPath(), "wrong"));
        assertThat(e.getMessage().endsWith("(resource adapter config property tlsKeyStorePassword)"), is(true));
    }

    @Test
    void aMissingKeyStoreNamesTheKeyStoreProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerTls.fromKeyStore("/nonexistent/keystore.p12", PASSWORD));
        assertThat(e.getMessage(), is("tlsKeyStore /nonexistent/keystore.p12 is not a readable file"
                + " (resource adapter config property tlsKeyStore)"));
    }
}
