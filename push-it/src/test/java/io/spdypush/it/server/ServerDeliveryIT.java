package io.spdypush.it.server;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import io.spdypush.it.delivery.DeliveryProbe;
import io.spdypush.it.delivery.InjectedSender;
import io.spdypush.it.delivery.ReceiptLog;
import io.spdypush.it.delivery.TransactionalSender;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Delivery guarantees of PushService on Payara Server: transactional send, store and forward,
 * outcomes and receipts, expiry, collapse and a full outbox. The EAR gets one more module, as an
 * application that pushes from its own EJBs would: a WAR with a transactional EJB, a receipt
 * observer and a small REST probe. The server runs with {@code outboxMaxMessages} 20 (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class ServerDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROBE_WAR = "it-delivery.war";
    private static final int OUTBOX_MAX_MESSAGES = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Deployment(testable = false)
    static EnterpriseArchive earWithAnApplicationModule() throws IOException {
        EnterpriseArchive ear = Layout.ear();
        ear.addAsModule(ShrinkWrap.create(WebArchive.class, PROBE_WAR)
                .addClasses(TransactionalSender.class, ReceiptLog.class, InjectedSender.class, DeliveryProbe.class,
                        DeliveryProbe.ProbeApplication.class));
        String applicationXml;
        try (InputStream in = ear.get("META-INF/application.xml").getAsset().openStream()) {
            applicationXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int afterLastModule = applicationXml.lastIndexOf("</module>") + "</module>".length();
        ear.setApplicationXML(new StringAsset(applicationXml.substring(0, afterLastModule)
                + "\n    <module><web><web-uri>" + PROBE_WAR + "</web-uri><context-root>/it-delivery</context-root>"
                + "</web></module>" + applicationXml.substring(afterLastModule)));
        return ear;
    }

    @Test
    void aMessageSentInACommittedTransactionArrivesAfterTheCommit() throws Exception {
        String clientId = "tx-commit-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            HttpResponse<String> sent = probe("POST", "transactions/" + clientId + "/committed-1?then=commit",
                    "sent in a transaction");
            assertThat(sent.body(), sent.statusCode(), is(200));
            assertThat("the seq is known only after the commit", sent.body(), is("DEFERRED 0"));

            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("delivered after the commit", message, notNullValue());
            assertThat(message.id(), is("committed-1"));
            assertThat(message.text(), is("sent in a transaction"));
            assertThat("the row remembers the seq", awaitOutcome(clientId, "committed-1", "PENDING", message.seq()),
                    containsString("\"seq\":" + message.seq()));
        }
    }

    @Test
    void anApplicationBeanThatGetsPushServiceOrPushSenderWithInjectPushesThroughIt() throws Exception {
        String clientId = "injected-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            for (String as : List.of("service", "sender")) {
                HttpResponse<String> sent = probe("POST", "injected/" + clientId + "/injected-" + as + "?as=" + as,
                        "through @Inject " + as);
                assertThat(sent.body(), sent.statusCode(), is(200));
                assertThat(sent.body(), startsWith("ACCEPTED "));

                ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(message, notNullValue());
                assertThat(message.id(), is("injected-" + as));
                assertThat(message.text(), is("through @Inject " + as));
            }
        }
    }

    @Test
    void aMessageSentInARolledBackTransactionIsNeitherSentNorStored() throws Exception {
        String clientId = "tx-rollback-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            HttpResponse<String> rolledBack = probe("POST", "transactions/" + clientId + "/rolled-back?then=rollback",
                    "never");
            assertThat(rolledBack.body(), rolledBack.statusCode(), is(200));
            probe("POST", "transactions/" + clientId + "/committed-after?then=commit", "after the rollback");

            ReceivedMessage first = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first, notNullValue());
            assertThat("the message of the rolled-back transaction never comes", first.id(), is("committed-after"));
            assertThat(rest("GET", "api/clients/" + clientId + "/messages/rolled-back", null).statusCode(), is(404));
        }
    }

    @Test
    void sendAsyncCompletesWithTheSeqAfterTheCommitOrAtOnceWithoutATransaction() throws Exception {
        String clientId = "async-" + UUID.randomUUID();
        for (String then : new String[]{"commit-async", "no-transaction-async"}) {
            HttpResponse<String> sent = probe("POST", "transactions/" + clientId + "/" + then + "?then=" + then,
                    "later");
            assertThat(sent.body(), sent.statusCode(), is(200));
            assertThat(sent.body(), startsWith("ACCEPTED "));
            long seq = Long.parseLong(sent.body().substring("ACCEPTED ".length()));
            awaitOutcome(clientId, then, "PENDING", seq);
        }
    }

    @Test
    void aClientOfflineWhenSentReceivesOnConnectAndTheOutcomeBecomesDeliveredWithAReceipt() throws Exception {
        String clientId = "offline-" + UUID.randomUUID();
        HttpResponse<String> sent = rest("POST", "api/clients/" + clientId + "/messages?id=stored-1", "kept");
        assertThat(sent.body(), sent.statusCode(), is(202));
        long seq = PushRoundTripContract.seqOf(sent.body());
        assertThat(outcome(clientId, "stored-1").body(), containsString("\"status\":\"PENDING\""));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the stored message arrives on connect", message, notNullValue());
            assertThat(message.seq(), is(seq));
            client.ack(seq).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            awaitOutcome(clientId, "stored-1", "DELIVERED", seq);
            assertThat(probe("GET", "when-done/" + clientId + "/stored-1", null).body(), is("DELIVERED " + seq));
            assertThat("an application bean observed the receipt",
                    probe("GET", "receipts/" + clientId + "/stored-1", null).body(), is("DELIVERED"));
        }
    }

    @Test
    void aMessageThatExpiresBeforeTheClientConnectsIsReportedExpired() throws Exception {
        String clientId = "expiry-" + UUID.randomUUID();
        assertThat(rest("POST", "api/clients/" + clientId + "/messages?id=short-lived&ttl=1", "soon gone")
                .statusCode(), is(202));
        Thread.sleep(1500);

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(rest("POST", "api/clients/" + clientId + "/messages?id=fresh", "still good").statusCode(),
                    is(202));
            ReceivedMessage first = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first, notNullValue());
            assertThat("the expired message is not sent", first.id(), is("fresh"));
            assertThat(awaitOutcome(clientId, "short-lived", "EXPIRED", -1), containsString("EXPIRED"));
        }
    }

    @Test
    void aNewerMessageWithTheSameCollapseKeyReplacesOneNotYetSent() throws Exception {
        String clientId = "collapse-" + UUID.randomUUID();
        rest("POST", "api/clients/" + clientId + "/messages?id=score-1&collapse=score", "1:0");
        HttpResponse<String> newer = rest("POST", "api/clients/" + clientId + "/messages?id=score-2&collapse=score",
                "2:0");
        assertThat(newer.body(), newer.statusCode(), is(202));
        assertThat(outcome(clientId, "score-1").body(), containsString("\"status\":\"COLLAPSED\""));

        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = client(clientId, received)) {
            client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ReceivedMessage message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message, notNullValue());
            assertThat(message.text(), is("2:0"));
            assertThat("only the newest score", received.poll(1, TimeUnit.SECONDS), nullValue());
            client.ack(message.seq()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitOutcome(clientId, "score-2", "DELIVERED", message.seq());
            assertThat(outcome(clientId, "score-1").body(), containsString("\"status\":\"COLLAPSED\""));
        }
    }

    @Test
    void aFullOutboxRefusesWithAClearReasonAndTheOutcomeSaysRefused() throws Exception {
        String clientId = "full-" + UUID.randomUUID();
        for (int i = 0; i < OUTBOX_MAX_MESSAGES; i++) {
            HttpResponse<String> accepted = rest("POST", "api/clients/" + clientId + "/messages?id=m-" + i, "m");
            assertThat(accepted.body(), accepted.statusCode(), is(202));
        }
        HttpResponse<String> refused = rest("POST", "api/clients/" + clientId + "/messages?id=one-too-many", "m");

        assertThat(refused.body(), refused.statusCode(), is(409));
        assertThat(refused.body(), containsString("\"status\":\"REFUSED\""));
        assertThat(refused.body(), containsString("outbox full: " + OUTBOX_MAX_MESSAGES + " messages"));
        String outcome = outcome(clientId, "one-too-many").body();
        assertThat(outcome, containsString("\"status\":\"REFUSED\""));
        assertThat(outcome, containsString("outbox full"));
    }

    /** Polls the outcome until it has the status (and the seq, unless -1); returns its JSON. */
    private String awaitOutcome(String clientId, String messageId, String status, long seq) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body;
        do {
            body = outcome(clientId, messageId).body();
            if (body.contains("\"status\":\"" + status + "\"") && (seq == -1 || body.contains("\"seq\":" + seq))) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("outcome of " + messageId + " never became " + status + ": " + body);
    }

    private HttpResponse<String> outcome(String clientId, String messageId) throws Exception {
        HttpResponse<String> outcome = rest("GET", "api/clients/" + clientId + "/messages/" + messageId, null);
        assertThat(outcome.body(), outcome.statusCode(), is(200));
        return outcome;
    }

    private PushClient client(String clientId, BlockingQueue<ReceivedMessage> received) {
        return Layout.clientWithToken(clientId).autoAck(false).listener(received::add).build();
    }

    private HttpResponse<String> rest(String method, String path, String text) throws Exception {
        return call(method, "/push/" + path, text);
    }

    private HttpResponse<String> probe(String method, String path, String text) throws Exception {
        return call(method, "/it-delivery/api/" + path, text);
    }

    private HttpResponse<String> call(String method, String path, String text) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + Integer.getInteger("it.server.httpPort") + path)).timeout(WAIT)
                .header("Authorization", Layout.admin());
        if (text == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "text/plain; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
