package io.spdypush.it.micro;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.PushClientJar;
import io.spdypush.it.PushClientJar.Result;
import io.spdypush.it.PushClientJar.Running;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code push-client.jar send} against the Micro pair: the message goes through the REST API to one client id,
 * two, a topic and everyone online, and arrives at the SDK's clients and at {@code listen --topics}.
 */
@ExtendWith(ArquillianExtension.class)
class MicroSendCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> ADMIN_PASSWORD =
            Map.of("SPDYPUSH_PASSWORD", System.getProperty("it.adminPassword"));

    private final List<PushClient> clients = new ArrayList<>();

    @ArquillianResource
    private URL webBase;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(PushClient::close);
    }

    @Test
    void sendsToOneClientIdAndPrintsItsDelivery() throws Exception {
        String clientId = "it-send-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = connect(clientId);

        Result sent = send("--to", clientId, "--data", "hello from the command line", "--id", "cli-1");

        ReceivedMessage message = assertArrived(sent, "hello from the command line", Map.of(clientId, received))
                .get(clientId);
        assertThat("one line", sent.stdout(), matchesPattern("\\{.*}\n"));
        assertThat(sent.stdout(), containsString("\"id\":\"cli-1\""));
        assertThat(message.id(), is("cli-1"));
        assertThat(message.contentType(), is("text/plain; charset=utf-8"));
    }

    @Test
    void sendsToTwoClientIdsInOneCallWithALinePerRecipient() throws Exception {
        Map<String, BlockingQueue<ReceivedMessage>> recipients = connectEach("it-send-a-", "it-send-b-");

        Result sent = send("--to", String.join(",", recipients.keySet()), "--data", "to both", "--ttl", "60");

        assertArrived(sent, "to both", recipients);
        assertThat(sent.stdout().lines().toList(), hasSize(2));
    }

    @Test
    void sendsToMoreClientIdsThanAQueryHoldsThroughTheBatchCall() throws Exception {
        Map<String, BlockingQueue<ReceivedMessage>> online = connectEach("it-send-many-a-", "it-send-many-b-");
        List<String> clientIds = new ArrayList<>(online.keySet());
        String offline = "it-send-many-offline-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 148; i++) {
            clientIds.add(offline + i);
        }

        Result sent = send("--to", String.join(",", clientIds), "--data", "to 150");

        assertArrived(sent, "to 150", online);
        assertThat("a line per recipient, the offline ones' kept for them", sent.stdout().lines()
                .filter(line -> line.contains("\"status\":\"ACCEPTED\"")).toList(), hasSize(150));
    }

    @Test
    void sendsToATopicThatAnSdkClientAndListenSubscribedTo() throws Exception {
        String topic = "it-send/topic-" + UUID.randomUUID();
        String subscriber = "it-send-sub-" + UUID.randomUUID();
        String listener = "it-send-listen-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = connect(subscriber, topic);
        BlockingQueue<ReceivedMessage> notSubscribed = connect("it-send-other-" + UUID.randomUUID());
        Running listen = PushClientJar.start(Map.of(), "listen", "--server", "127.0.0.1:" + Layout.spdyPort(),
                "--client-id", listener, "--secret", System.getProperty("it.tokenSecret"), "--topics", topic);
        try {
            listen.awaitOutput("connected to 127.0.0.1:" + Layout.spdyPort() + " as " + listener);

            Result sent = send("--topic", topic, "--data", "{\"score\":\"2:1\"}", "--content-type",
                    "application/json");

            assertArrived(sent, "{\"score\":\"2:1\"}", Map.of(subscriber, received));
            assertThat(sent.stdout().lines().toList(), hasSize(2));
            assertThat(sent.stdout(), containsString("\"clientId\":\"" + listener + "\""));
            listen.awaitOutput("\"payload\":\"{\\\"score\\\":\\\"2:1\\\"}\"");
            assertThat("listen prints it", listen.stdout(), containsString("\"topic\":\"" + topic + "\""));
            assertThat("only subscribers get it", notSubscribed.poll(500, TimeUnit.MILLISECONDS), nullValue());
        } finally {
            listen.process().destroy();
            listen.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void sendsToEveryoneOnline() throws Exception {
        Map<String, BlockingQueue<ReceivedMessage>> recipients = connectEach("it-send-all-a-", "it-send-all-b-");

        Result sent = send("--everyone", "--data", "to everyone", "--priority", "high");

        assertArrived(sent, "to everyone", recipients);
    }

    @Test
    void aWrongPasswordIsExitStatusOneWithOneClearLine() throws Exception {
        Result sent = PushClientJar.run(Map.of("SPDYPUSH_PASSWORD", "not-the-password"), "send",
                "--url", webBase.toString(), "--user", "admin", "--everyone", "--data", "x");

        assertThat(sent.exit(), is(1));
        assertThat(sent.stdout(), is(emptyString()));
        assertThat(sent.stderr(), is("push-client: the server refused the login of admin (401): check --user and"
                + " the password (SPDYPUSH_PASSWORD)\n"));
    }

    @Test
    void anOptionTheServerRefusesIsItsErrorOnStderr() throws Exception {
        Result sent = send("--topic", "it-send-qos", "--data", "x", "--qos", "at_least_once");

        assertThat(sent.exit(), is(1));
        assertThat(sent.stdout(), is(emptyString()));
        assertThat(sent.stderr(), containsString("push-client: the server answered 400 to POST "));
        assertThat(sent.stderr(), containsString("\"field\":\"qos\""));
    }

    /**
     * The send exited 0 with a line of ACCEPTED for each recipient (client id: what its client receives), and the
     * message arrived at each; returns what each received.
     */
    private static Map<String, ReceivedMessage> assertArrived(Result sent, String text,
            Map<String, BlockingQueue<ReceivedMessage>> recipients) throws InterruptedException {
        assertThat(sent.stderr(), sent.exit(), is(0));
        Map<String, ReceivedMessage> arrived = new HashMap<>();
        for (Map.Entry<String, BlockingQueue<ReceivedMessage>> recipient : recipients.entrySet()) {
            assertThat(sent.stdout(), matchesPattern("(?s).*\\{[^\n]*\"clientId\":\"" + recipient.getKey()
                    + "\"[^\n]*\"status\":\"ACCEPTED\"}\n.*"));
            ReceivedMessage message = recipient.getValue().poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat("the message arrives at " + recipient.getKey(), message, notNullValue());
            assertThat(message.text(), is(text));
            arrived.put(recipient.getKey(), message);
        }
        return arrived;
    }

    private Result send(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("send", "--url", webBase.toString(), "--user", "admin"));
        command.addAll(List.of(args));
        return PushClientJar.run(ADMIN_PASSWORD, command.toArray(String[]::new));
    }

    /** A client online per prefix, its id the prefix and a UUID: what each receives, by client id. */
    private Map<String, BlockingQueue<ReceivedMessage>> connectEach(String... prefixes) throws Exception {
        Map<String, BlockingQueue<ReceivedMessage>> received = new LinkedHashMap<>();
        for (String prefix : prefixes) {
            String clientId = prefix + UUID.randomUUID();
            received.put(clientId, connect(clientId));
        }
        return received;
    }

    /** An SDK client online, closed after the test; what it receives. */
    private BlockingQueue<ReceivedMessage> connect(String clientId, String... topics) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = Layout.clientWithToken(clientId).topics(topics).listener(received::add).build();
        clients.add(client);
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return received;
    }
}
