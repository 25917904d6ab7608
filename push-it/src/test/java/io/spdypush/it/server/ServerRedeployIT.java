package io.spdypush.it.server;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Undeploying the EAR stops the adapter and frees its port; deploying it again serves again,
 * with the unacknowledged messages and the seqs of before (docs/PROTOCOL.md §2, §9). When the adapter
 * lost its outboxes meanwhile, as after a crash, PushService hands its stored messages back.
 */
@ExtendWith(ArquillianExtension.class)
class ServerRedeployIT {

    private static final String EAR = "redeployed-ear";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return Layout.ear();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void redeployingTheEarRebindsTheSpdyPortAndKeepsUnacknowledgedMessagesAndSeqs() throws Exception {
        String clientId = "redeploy-" + UUID.randomUUID();
        deployer.deploy(EAR);
        assertPushStreamOpens();
        long keptSeq = push(clientId, "kept across the redeploy");

        deployer.undeploy(EAR);
        assertThrows(ConnectException.class, ServerRedeployIT::touchSpdyPort, "port closed after undeploy");

        deployer.deploy(EAR);
        try {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
                client.connect().get(20, TimeUnit.SECONDS);
                ReceivedMessage kept = received.poll(20, TimeUnit.SECONDS);
                assertThat("the message outlives the redeploy", kept, notNullValue());
                assertThat(kept.seq(), is(keptSeq));
                assertThat(kept.text(), is("kept across the redeploy"));
            }
            assertThat("seqs keep increasing", push(clientId, "after"), greaterThan(keptSeq));
        } finally {
            deployer.undeploy(EAR);
        }
    }

    @Test
    void aStoredMessageArrivesOnceAfterARestartThatLostTheAdaptersOutboxes() throws Exception {
        String clientId = "crash-" + UUID.randomUUID();
        deployer.deploy(EAR);
        long seqBefore = push(clientId, "stored before the crash");
        deployer.undeploy(EAR);
        // What a crash leaves: the adapter never wrote its outboxes, the database kept its rows.
        Files.delete(outboxFile());

        deployer.deploy(EAR);
        try {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(clientId).autoAck(false).listener(received::add)
                    .build()) {
                client.connect().get(20, TimeUnit.SECONDS);
                ReceivedMessage handedBack = received.poll(20, TimeUnit.SECONDS);
                assertThat("the stored message is handed back to the adapter", handedBack, notNullValue());
                assertThat(handedBack.text(), is("stored before the crash"));
                assertThat("the seq it had before the crash", handedBack.seq(), is(seqBefore));
                assertThat("flagged as sent before", handedBack.redelivered(), is(true));
                assertThat("exactly once", received.poll(1, TimeUnit.SECONDS), nullValue());
            }
        } finally {
            deployer.undeploy(EAR);
        }
    }

    @Test
    void acknowledgementsTakenJustBeforeAnUndeployAreRecordedAndNothingComesTwice() throws Exception {
        String clientId = "acked-" + UUID.randomUUID();
        int messages = 20;
        deployer.deploy(EAR);
        try {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(clientId).autoAck(false).listener(received::add)
                    .build()) {
                client.connect().get(20, TimeUnit.SECONDS);
                for (int i = 0; i < messages; i++) {
                    push(clientId, "acked-" + i);
                }
                for (int i = 0; i < messages; i++) {
                    ReceivedMessage message = received.poll(20, TimeUnit.SECONDS);
                    assertThat(message, notNullValue());
                    client.ack(message.seq()).get(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            // At once: the acknowledgements may still be on their way to the database.
            deployer.undeploy(EAR);
        }

        deployer.deploy(EAR);
        try {
            BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
            try (PushClient client = Layout.clientWithToken(clientId).autoAck(false).listener(received::add)
                    .build()) {
                client.connect().get(20, TimeUnit.SECONDS);
                assertThat("an acknowledged message is not handed over again", received.poll(2, TimeUnit.SECONDS),
                        nullValue());
            }
        } finally {
            deployer.undeploy(EAR);
        }
    }

    /** Where the adapter keeps its outboxes from stop to start: the domain's directory (dataDirectory empty). */
    private static Path outboxFile() {
        return Path.of(System.getProperty("payara.home"), "glassfish", "domains", "domain1", "spdypush",
                "outboxes-" + Layout.spdyPort() + ".bin");
    }

    /** Pushes through the REST API of the deployed EAR and returns the seq. */
    private long push(String clientId, String text) throws Exception {
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + Integer.getInteger("it.server.httpPort") + "/push/api/clients/" + clientId + "/messages"))
                .header("Content-Type", "text/plain; charset=utf-8").header("Authorization", Layout.admin())
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.body(), pushed.statusCode(), is(202));
        return PushRoundTripContract.seqOf(pushed.body());
    }

    private static void assertPushStreamOpens() throws Exception {
        try (PushClient client = Layout.clientWithToken("redeploy-check")
                .listener(message -> { }).build()) {
            assertThat(client.connect().get(20, TimeUnit.SECONDS), notNullValue());
        }
    }

    private static void touchSpdyPort() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Layout.spdyPort()), 2000);
        }
    }
}
