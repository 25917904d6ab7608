package io.spdypush.it;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushRefusedException;
import io.spdypush.client.PushSession;
import io.spdypush.client.ReceivedMessage;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The walking skeleton, the same in every layout: a real client connects over SPDY/3.1 to
 * the adapter inside the server, a REST call pushes through {@code PushService}, the client
 * receives exactly that message and acknowledges it. Subclasses deploy one layout.
 */
public abstract class PushRoundTripContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @ArquillianResource
    private URL webBase;

    @Test
    void clientReceivesWhatRestPushedAndAcknowledgesIt() throws Exception {
        String clientId = "it-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            PushSession session = client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(session.heartbeatSeconds(), is(60));

            HttpResponse<String> pushed = post("api/clients/" + clientId + "/messages?id=greeting-1",
                    "text/plain; charset=utf-8", "hello from REST");
            assertThat(pushed.body(), pushed.statusCode(), is(202));
            assertThat(pushed.body(), containsString("\"status\":\"ACCEPTED\""));
            long seq = seqOf(pushed.body());

            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the pushed message arrives", message, notNullValue());
            assertThat(message.seq(), is(seq));
            assertThat(message.id(), is("greeting-1"));
            assertThat(message.text(), is("hello from REST"));
            assertThat(message.contentType(), is("text/plain; charset=utf-8"));
            assertThat(message.redelivered(), is(false));

            long pendingBefore = pendingMessages();
            assertThat(client.ack(seq).get(WAIT.toSeconds(), TimeUnit.SECONDS), is(seq));
            assertThat("exactly one message", received.poll(500, TimeUnit.MILLISECONDS), nullValue());
            // Other tests, and redeploys that kept their outboxes, may leave messages of other clients.
            assertThat("the acknowledged message left its outbox", pendingMessages(), is(pendingBefore - 1));
            assertThat(get("api/status").body(), containsString("\"spdyPort\":" + Layout.spdyPort()));
            assertThat("push-ejb's events bean heard the acknowledgement",
                    awaitStatus("api/clients/" + clientId + "/messages/greeting-1", "DELIVERED"),
                    containsString("\"seq\":" + seq));
        }
    }

    @Test
    void messagePushedWhileOfflineArrivesOnConnect() throws Exception {
        String clientId = "it-offline-" + UUID.randomUUID();
        HttpResponse<String> pushed = post("api/clients/" + clientId + "/messages", "application/octet-stream",
                "kept for later");
        assertThat(pushed.body(), pushed.statusCode(), is(202));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the stored message arrives", message, notNullValue());
            assertThat(message.seq(), is(seqOf(pushed.body())));
            assertThat(new String(message.payload(), StandardCharsets.UTF_8), is("kept for later"));
        }
    }

    @Test
    void aPendingMessageCancelledThroughRestIsNotSentAndOneReceivedStillCountsWhenAcknowledged() throws Exception {
        String clientId = "it-cancel-" + UUID.randomUUID();
        String messages = "api/clients/" + clientId + "/messages/";
        assertThat(post(messages.substring(0, messages.length() - 1) + "?id=unwanted", "text/plain", "no").statusCode(),
                is(202));
        assertThat(post(messages.substring(0, messages.length() - 1) + "?id=wanted", "text/plain", "yes").statusCode(),
                is(202));

        HttpResponse<String> cancelled = delete(messages + "unwanted");
        assertThat(cancelled.body(), cancelled.statusCode(), is(200));
        assertThat(cancelled.body(), containsString("\"status\":\"CANCELLED\""));
        HttpResponse<String> again = delete(messages + "unwanted");
        assertThat("no longer pending", again.statusCode(), is(409));
        assertThat(again.body(), containsString("\"status\":\"CANCELLED\""));
        assertThat(delete(messages + "never-sent").statusCode(), is(404));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ReceivedMessage wanted = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(wanted, notNullValue());
            assertThat("the cancelled message is not sent", wanted.id(), is("wanted"));

            // Received, then cancelled before the client acknowledged it: the acknowledgement is the truth.
            assertThat(delete(messages + "wanted").statusCode(), is(200));
            client.ack(wanted.seq()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitStatus(messages + "wanted", "DELIVERED");
        }
        assertThat(get(messages + "unwanted").body(), containsString("\"status\":\"CANCELLED\""));
    }

    @Test
    void aBatchSendsEachOfItsMessagesAndAnswersForEachCopyOrNoneWhenOneIsBad() throws Exception {
        String clientId = "it-batch-" + UUID.randomUUID();
        String offline = "it-batch-offline-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            HttpResponse<String> refused = post("api/batch", "application/json", """
                    {"messages": [{"to": "%s", "text": "fine"}, {"to": "%s", "text": "bad", "ttl": -5}]}
                    """.formatted(clientId, clientId));
            assertThat(refused.body(), refused.statusCode(), is(400));
            assertThat(refused.body(), containsString("\"field\":\"messages[1].ttl\""));
            HttpResponse<String> misspelt = post("api/batch", "application/json", """
                    {"messages": [{"to": "%s", "text": "fine", "tll": 60}]}
                    """.formatted(clientId));
            assertThat(misspelt.body(), misspelt.statusCode(), is(400));
            assertThat(misspelt.body(), containsString("\"field\":\"messages[0].tll\""));
            HttpResponse<String> misspeltTopLevel = post("api/batch", "application/json", """
                    {"messages": [{"to": "%s", "text": "fine"}], "mesages": []}
                    """.formatted(clientId));
            assertThat(misspeltTopLevel.body(), misspeltTopLevel.statusCode(), is(400));
            assertThat(misspeltTopLevel.body(), containsString("\"field\":\"mesages\""));
            String thousandIds = IntStream.range(0, 1000).mapToObj(i -> "\"" + clientId + "-" + i
                    + "\"").collect(Collectors.joining(",", "[", "]"));
            String tooMany = IntStream.range(0, 11).mapToObj(i -> "{\"to\": " + thousandIds
                    + ", \"text\": \"x\"}").collect(Collectors.joining(",", "{\"messages\": [", "]}"));
            HttpResponse<String> tooManyIds = post("api/batch", "application/json", tooMany);
            assertThat(tooManyIds.body(), tooManyIds.statusCode(), is(400));
            assertThat(tooManyIds.body(), containsString("\"field\":\"messages[10].to\""));

            HttpResponse<String> sent = post("api/batch", "application/json", """
                    {"messages": [
                      {"to": "%s", "id": "b-1", "text": "one", "ttl": 300},
                      {"to": ["%s", "%s"], "id": "b-2", "base64": "AAEC", "priority": "high"},
                      {"everyone": true, "id": "b-3", "text": "to all online", "contentType": "text/x-note"}
                    ]}
                    """.formatted(clientId, clientId, offline));
            assertThat(sent.body(), sent.statusCode(), is(200));
            assertThat(sent.body(), containsString("{\"deliveries\":[{\"clientId\":\"" + clientId + "\""));
            assertThat(sent.body(), containsString("\"clientId\":\"" + offline + "\",\"id\":\"b-2\""));

            List<ReceivedMessage> messages = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat("message " + i + " of the batch", message, notNullValue());
                messages.add(message);
            }
            assertThat("the refused batch sent nothing", messages.get(0).id(), is("b-1"));
            assertThat(messages.get(0).text(), is("one"));
            assertThat(messages.get(1).payload(), is(new byte[]{0, 1, 2}));
            assertThat(messages.get(2).contentType(), is("text/x-note"));
            assertThat(received.poll(300, TimeUnit.MILLISECONDS), nullValue());
            assertThat(get("api/clients/" + offline + "/messages/b-2").body(),
                    containsString("\"status\":\"PENDING\""));
        }
    }

    @Test
    void aTokenMintedByRestOpensThePushStreamAndNoTokenDoesNot() throws Exception {
        String clientId = "it-token-" + UUID.randomUUID();
        HttpResponse<String> minted = http.send(HttpRequest.newBuilder(uri("api/clients/" + clientId + "/tokens"))
                .timeout(WAIT).header("Accept", "text/plain").header("Authorization", Layout.admin()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(minted.body(), minted.statusCode(), is(200));
        try (PushClient client = PushClient.builder().server("127.0.0.1", Layout.spdyPort()).clientId(clientId)
                .token(minted.body()).listener(message -> { }).build()) {
            assertThat(client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS), notNullValue());
        }
        try (PushClient client = PushClient.builder().server("127.0.0.1", Layout.spdyPort()).clientId(clientId)
                .listener(message -> { }).build()) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(((PushRefusedException) refused.getCause()).status(), is(401));
        }
    }

    @Test
    void frontPageShowsTheAdapterToTheAdmin() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode(), is(200));
        assertThat(page.body(), containsString("Sessions online"));
        assertThat(page.body(), containsString("<td>message</td>"));
        assertThat(page.body(), containsString(":" + Layout.spdyPort()));
    }

    @Test
    void healthSaysTheAdapterIsLiveAndItsSpdyPortReady() throws Exception {
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(webBase.toURI().resolve("/health/live"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.body(), live.statusCode(), is(200));
        assertThat(live.body(), containsString("\"push-adapter\""));
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(webBase.toURI().resolve("/health/ready"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body(), ready.statusCode(), is(200));
        assertThat(ready.body(), containsString("\"spdy-port\""));
        assertThat(ready.body(), containsString(":" + Layout.spdyPort()));
    }

    @Test
    void invalidClientIdIsRefusedWithTheRule() throws Exception {
        HttpResponse<String> refused = post("api/clients/has%20space/messages", "text/plain", "x");
        assertThat(refused.statusCode(), is(400));
        assertThat(refused.body(), containsString("client id"));
    }

    /** Polls a JSON resource until its {@code status} is {@code status}; returns the JSON. */
    private String awaitStatus(String path, String status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body;
        do {
            body = get(path).body();
            if (body.contains("\"status\":\"" + status + "\"")) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " never had status " + status + ": " + body);
    }

    private long pendingMessages() throws Exception {
        Matcher pending = Pattern.compile("\"pendingMessages\":(\\d+)").matcher(get("api/status").body());
        assertThat(pending.find(), is(true));
        return Long.parseLong(pending.group(1));
    }

    /** The {@code seq} of a send's JSON answer. */
    public static long seqOf(String json) {
        Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(json);
        assertThat(json, seq.find(), is(true));
        return Long.parseLong(seq.group(1));
    }

    private PushClient client(String clientId, BlockingQueue<ReceivedMessage> received) {
        return Layout.clientWithToken(clientId)
                .autoAck(false)
                .listener(received::add)
                .build();
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT)
                .header("Content-Type", contentType).header("Authorization", Layout.admin())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).header("Authorization", Layout.admin())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).header("Authorization", Layout.admin())
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        String base = webBase.toExternalForm();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}
