package io.spdypush.it.micro;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Webhooks on the Payara Micro layout, with real HTTP receivers on loopback: a registered one hears sessions and
 * every outcome of stored messages, signed; one that answers 500, one that hangs and one that is gone cost
 * neither pushes nor the others; the configured one (arquillian.xml: queues of 20 events, calls time out after
 * 3 s, retries at most 2 s apart) signs with the secret from its file and cannot be removed through the API.
 */
@ExtendWith(ArquillianExtension.class)
class MicroWebhooksIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SESSIONS = "[\"session.opened\", \"session.closed\"]";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @ArquillianResource
    private URL webBase;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @Test
    void aRegisteredWebhookHearsSessionsAndEveryOutcomeOfStoredMessagesSigned() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, "/all", call -> 200)) {
            JsonObject registered = register("{\"url\": \"" + receiver.url() + "\"}");
            receiver.secret(registered.getString("secret"));
            String clientId = "it-webhook-" + UUID.randomUUID();
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                receiver.await(WebhookReceiver.of("session.opened", clientId), 1, WAIT);
                String deliveredId = messageId(send(clientId, "", "acknowledged", 202));
                assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
                JsonObject delivered = receiver.await(WebhookReceiver.of("delivered", clientId), 1, WAIT).get(0);
                assertThat(delivered.getString("messageId"), is(deliveredId));
                assertThat(delivered.getJsonNumber("seq").longValue(), greaterThan(0L));
            }
            receiver.await(WebhookReceiver.of("session.closed", clientId), 1, WAIT);

            String replacedId = messageId(send(clientId, "collapse=score", "1 - 0", 202));
            send(clientId, "collapse=score", "2 - 0", 202);
            String expiringId = messageId(send(clientId, "ttl=1", "soon gone", 202));
            String refusedId = messageId(send(clientId, "", "x".repeat(1024 * 1024 + 1), 409));
            assertThat(receiver.await(WebhookReceiver.of("collapsed", clientId), 1, WAIT).get(0)
                    .getString("messageId"), is(replacedId));
            JsonObject refused = receiver.await(WebhookReceiver.of("refused", clientId), 1, WAIT).get(0);
            assertThat(refused.getString("messageId"), is(refusedId));
            assertThat(refused.getString("reason"), containsString("maxPayloadBytes"));
            // An offline client's messages are looked at once a minute; its next session finds the expired at once.
            Thread.sleep(1500);
            try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(receiver.await(WebhookReceiver.of("expired", clientId), 1, WAIT).get(0)
                        .getString("messageId"), is(expiringId));
            }
            assertThat(receiver.badSignatures(), is(0));
            List<String> ids = receiver.events().stream().map(event -> event.getString("id")).toList();
            assertThat("every event has an id of its own", Set.copyOf(ids).size(), is(ids.size()));

            remove(registered.getString("id"), 204);
            assertThat(list().stream().map(webhook -> webhook.getString("id")).toList()
                    .contains(registered.getString("id")), is(false));
            int before = receiver.events().size();
            try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            Thread.sleep(2000);
            assertThat("a removed webhook is called no more", receiver.events().size(), is(before));
        }
    }

    @Test
    void aFailingAHangingAndAGoneWebhookDelayNeitherPushesNorEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver healthy = new WebhookReceiver(0, "/healthy", call -> 200);
             WebhookReceiver failing = new WebhookReceiver(0, "/failing", call -> call <= 2 ? 500 : 200);
             WebhookReceiver hanging = new WebhookReceiver(0, "/hanging", call -> {
                 release.await();
                 return 200;
             })) {
            List<String> ids = new ArrayList<>();
            for (WebhookReceiver receiver : List.of(healthy, failing, hanging)) {
                JsonObject registered = register("{\"url\": \"" + receiver.url() + "\", \"events\": " + SESSIONS + "}");
                receiver.secret(registered.getString("secret"));
                ids.add(registered.getString("id"));
            }
            String gone = register("{\"url\": \"http://127.0.0.1:" + freePort() + "/gone\", \"events\": " + SESSIONS
                    + "}").getString("id");
            ids.add(gone);

            // Sixteen events, then sixteen more: the failing webhook's first two calls fail, and the first sixteen
            // wait for it (its queue holds 20); the gone one's queue overflows with the second sixteen.
            String prefix = "it-webhook-load-" + UUID.randomUUID() + "-";
            int clients = 8;
            openAndCloseSessionsWithAPush(prefix, 0, clients);
            healthy.await(event -> event.getString("clientId").startsWith(prefix), 2 * clients, WAIT);
            failing.await(event -> event.getString("clientId").startsWith(prefix), 2 * clients, WAIT);
            openAndCloseSessionsWithAPush(prefix, clients, 2 * clients);
            healthy.await(event -> event.getString("clientId").startsWith(prefix), 4 * clients, WAIT);
            failing.await(event -> event.getString("clientId").startsWith(prefix), 4 * clients, WAIT);
            assertThat(failing.calls(), greaterThan(2));
            assertThat(hanging.events(), empty());
            JsonObject goneServed = served(gone);
            assertThat(goneServed.toString(), goneServed.getJsonNumber("dropped").longValue(), greaterThan(0L));
            assertThat(goneServed.getJsonNumber("failedCalls").longValue(), greaterThan(0L));
            assertThat(goneServed.getString("lastFailure"), containsString("Connect"));
            assertThat(served(ids.get(1)).getJsonNumber("failedCalls").longValue(), is(2L));
            String metrics = get("metrics").body();
            assertThat(metrics, containsString("spdypush_webhook_events_dropped_total{webhook=\"" + gone + "\"} "));
            assertThat(metrics, containsString("spdypush_webhook_events_delivered_total{webhook=\"" + ids.get(0)
                    + "\"} "));

            release.countDown();
            for (String id : ids) {
                remove(id, 204);
            }
            assertThat(healthy.badSignatures() + failing.badSignatures(), is(0));
        } finally {
            release.countDown();
        }
    }

    private void openAndCloseSessionsWithAPush(String prefix, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(prefix + i).listener(received::add).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                send(prefix + i, "", "pushed while webhooks fail", 202);
                assertThat("pushes go on", received.poll(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
            }
        }
    }

    @Test
    void theConfiguredWebhookSignsWithTheSecretOfItsFileAndIsRemovedOnlyThere() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.getInteger("it.webhookPort"), "/configured",
                call -> 200).secret(System.getProperty("it.webhookSecret"))) {
            // Until now nothing listened: the events of the other tests filled its queue, and are sent first.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (served("it-configured").getInt("queued") > 0) {
                assertThat("the configured webhook's backlog is sent", System.nanoTime() < deadline, is(true));
                Thread.sleep(100);
            }
            String clientId = "it-webhook-configured-" + UUID.randomUUID();
            try (PushClient client = Layout.clientWithToken(clientId).listener(message -> { }).build()) {
                client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                receiver.await(WebhookReceiver.of("session.opened", clientId), 1, WAIT);
            }
            receiver.await(WebhookReceiver.of("session.closed", clientId), 1, WAIT);
            assertThat(receiver.badSignatures(), is(0));

            JsonObject configured = served("it-configured");
            assertThat(configured.getBoolean("configured"), is(true));
            assertThat(configured.getJsonArray("events").toString(), is(SESSIONS.replace(" ", "")));
            assertThat(configured.containsKey("secret"), is(false));
            HttpResponse<String> refused = delete("it-configured");
            assertThat(refused.body(), refused.statusCode(), is(409));
            assertThat(refused.body(), containsString("configuration"));
        }
    }

    @Test
    void aWrongRegistrationIsA400NamingTheField() throws Exception {
        assertRefused("{\"url\": \"ftp://127.0.0.1/x\"}", "url");
        assertRefused("{\"url\": \"http://127.0.0.1:99999/x\"}", "url");
        assertRefused("{\"events\": [\"delivered\"]}", "url");
        assertRefused("{\"url\": \"http://127.0.0.1:1/x\", \"events\": [\"opened\"]}", "events");
        assertRefused("{\"url\": \"http://127.0.0.1:1/x\", \"events\": []}", "events");
        assertRefused("{\"url\": \"http://127.0.0.1:1/x\", \"secret\": \"short\"}", "secret");
        assertRefused("{\"url\": 7}", "url");
        assertRefused("not json", "body");
        assertRefused("", "body");
        HttpResponse<String> unknown = delete("no-such-webhook");
        assertThat(unknown.body(), unknown.statusCode(), is(404));
    }

    private void assertRefused(String body, String field) throws Exception {
        HttpResponse<String> answer = post("api/webhooks", "application/json", body);
        assertThat(answer.body(), answer.statusCode(), is(400));
        assertThat(answer.body(), json(answer.body()).getString("field"), is(field));
    }

    private JsonObject register(String body) throws Exception {
        HttpResponse<String> answer = post("api/webhooks", "application/json", body);
        assertThat(answer.body(), answer.statusCode(), is(201));
        JsonObject registered = json(answer.body());
        assertThat(answer.headers().firstValue("Location").orElse(""),
                containsString("/api/webhooks/" + registered.getString("id")));
        return registered;
    }

    private List<JsonObject> list() throws Exception {
        HttpResponse<String> answer = get("api/webhooks");
        assertThat(answer.body(), answer.statusCode(), is(200));
        return Json.createReader(new StringReader(answer.body())).readArray().getValuesAs(JsonObject.class);
    }

    private JsonObject served(String id) throws Exception {
        List<JsonObject> matching = list().stream().filter(webhook -> webhook.getString("id").equals(id)).toList();
        assertThat(matching, hasSize(1));
        return matching.get(0);
    }

    private void remove(String id, int status) throws Exception {
        HttpResponse<String> answer = delete(id);
        assertThat(answer.body(), answer.statusCode(), is(status));
    }

    private HttpResponse<String> delete(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("api/webhooks/" + id)).timeout(WAIT)
                .header("Authorization", Layout.admin()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String send(String clientId, String query, String payload, int status) throws Exception {
        HttpResponse<String> answer = post("api/clients/" + clientId + "/messages" + (query.isEmpty() ? "" : "?" + query),
                "text/plain", payload);
        assertThat(answer.body(), answer.statusCode(), is(status));
        return answer.body();
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).header("Content-Type", contentType)
                        .header("Authorization", Layout.admin()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).header("Authorization", Layout.admin())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String messageId(String deliveryJson) {
        return json(deliveryJson).getString("id");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private URI uri(String path) {
        String base = webBase.toExternalForm();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
