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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The Micro pair with spdypush.dataSource naming a PostgreSQL pool (see arquillian.xml and
 * micro-postgres-post-boot-commands.txt): an at-least-once message for an offline client is
 * stored in PostgreSQL, delivered when the client connects, and its row records the delivery; one sent again
 * to many clients is found and kept once per client.
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
        HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api("clients/" + clientId + "/messages?id=" + messageId))
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

    /**
     * A message to 500 offline clients, sent twice under its id: the second send finds the 500 rows the first
     * stored (one lookup of 500 recipients, by arrays on PostgreSQL) and keeps one row per client, whatever
     * characters the id has.
     */
    @Test
    void aMessageSentAgainToManyClientsKeepsOneRowForEach() throws Exception {
        String prefix = "pg-many-" + UUID.randomUUID();
        // What would break a hand-made array literal: NULL, braces, commas, quotes, a backslash.
        String messageId = "{NULL, \"a,b\" \\ }";
        String messageIdInJson = messageId.replace("\\", "\\\\").replace("\"", "\\\"");
        String to = IntStream.range(0, 500).mapToObj(i -> "\"" + prefix + "-" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        String batch = "{\"messages\": [{\"to\": " + to + ", \"id\": \"" + messageIdInJson
                + "\", \"text\": \"%s\"}]}";
        for (String text : List.of("first", "again")) {
            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api("batch"))
                    .header("Content-Type", "application/json").header("Authorization", Layout.admin())
                    .POST(HttpRequest.BodyPublishers.ofString(batch.formatted(text)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.body(), sent.statusCode(), is(200));
            assertThat("every copy accepted", sent.body(), not(containsString("REFUSED")));
        }
        try (Connection database = database();
             PreparedStatement query = database.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT CLIENT_ID),"
                     + " MIN(STATE), MAX(STATE) FROM SPDYPUSH_MESSAGE WHERE CLIENT_ID LIKE ? AND MESSAGE_ID = ?")) {
            query.setString(1, prefix + "-%");
            query.setString(2, messageId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat("rows", rows.getInt(1), is(500));
                assertThat("clients", rows.getInt(2), is(500));
                assertThat("every row pending", rows.getString(3) + "/" + rows.getString(4), is("PENDING/PENDING"));
            }
        }
    }

    private URI api(String path) {
        String base = webBase.toExternalForm(); // with or without the trailing slash, as Arquillian gives it
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/" + path);
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("it.postgres.host")
                + ":5432/spdypush", "spdypush", "spdypush");
    }

    /** The row's state, read straight from PostgreSQL. */
    private static String state(String clientId, String messageId) throws Exception {
        try (Connection database = database();
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
