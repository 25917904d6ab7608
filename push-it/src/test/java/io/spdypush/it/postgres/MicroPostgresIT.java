package io.spdypush.it.postgres;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The Micro pair with spdypush.dataSource naming a PostgreSQL pool (see arquillian.xml and
 * micro-postgres-post-boot-commands.txt): an at-least-once message for an offline client is
 * stored in PostgreSQL, delivered when the client connects, and its row records the delivery.
 */
@ExtendWith(ArquillianExtension.class)
class MicroPostgresIT {

    private static final int WAIT_SECONDS = 20;

    @ArquillianResource
    private URL webBase;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @Test
    void aMessageForAnOfflineClientIsStoredInPostgresAndItsDeliveryRecorded() throws Exception {
        String clientId = "pg-" + UUID.randomUUID();
        String messageId = "stored-in-postgres";
        String base = webBase.toExternalForm(); // with or without the trailing slash, as Arquillian gives it
        HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        (base.endsWith("/") ? base : base + "/") + "api/clients/" + clientId + "/messages?id=" + messageId))
                .header("Content-Type", "text/plain").header("Authorization", Layout.admin())
                .POST(HttpRequest.BodyPublishers.ofString("kept in postgres"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.body(), pushed.statusCode(), is(202));
        assertThat("stored in PostgreSQL", state(clientId, messageId), is("PENDING"));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
            client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            ReceivedMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(message, notNullValue());
            assertThat(message.seq(), is(PushRoundTripContract.seqOf(pushed.body())));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!"DELIVERED".equals(state(clientId, messageId)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat("the acknowledgement is recorded in PostgreSQL", state(clientId, messageId), is("DELIVERED"));
        }
    }

    /** The row's state, read straight from PostgreSQL. */
    private static String state(String clientId, String messageId) throws Exception {
        try (Connection database = DriverManager.getConnection("jdbc:postgresql://"
                + System.getProperty("it.postgres.host") + ":5432/spdypush", "spdypush", "spdypush");
             PreparedStatement query = database.prepareStatement(
                     "SELECT STATE FROM SPDYPUSH_MESSAGE WHERE CLIENT_ID = ? AND MESSAGE_ID = ?")) {
            query.setString(1, clientId);
            query.setString(2, messageId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
