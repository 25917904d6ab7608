package io.spdypush.it.cluster;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The EAR on a Payara Server deployment group of two instances (README, "A cluster"): the instances are the
 * push cluster's nodes, and the DAS, a member of the same data grid without the application, is none.
 */
class DeploymentGroupIT {

    private static final long WAIT_SECONDS = 30;

    private static DeploymentGroup group;
    private final List<PushClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGroup() throws Exception {
        group = DeploymentGroup.start();
    }

    @AfterAll
    static void stopGroup() throws Exception {
        if (group != null) {
            group.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(PushClient::close);
    }

    @Test
    void theInstancesAreTheNodesAndTheDasIsNone() throws Exception {
        String members = group.gridMembers();
        assertThat("the DAS and both instances are members of the grid: " + members,
                members.split("MicroShoal", -1).length - 1, is(1 + DeploymentGroup.INSTANCES));
        for (int instance = 1; instance <= DeploymentGroup.INSTANCES; instance++) {
            HttpResponse<String> status = group.get(instance, "/api/status");
            assertThat(status.body(), status.statusCode(), is(200));
            assertThat("every node answered: " + status.body(), status.body().split("\"answered\":true", -1)
                    .length - 1, is(DeploymentGroup.INSTANCES));
            assertThat("no silent node: " + status.body(), status.body().contains("\"answered\":false"), is(false));
        }
    }

    @Test
    void aMessageSentOnOneInstanceReachesItsClientOnTheOtherAndOneToEveryoneBoth() throws Exception {
        String onFirst = "dg-1-" + UUID.randomUUID();
        String onSecond = "dg-2-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> first = connect(1, onFirst);
        BlockingQueue<ReceivedMessage> second = connect(2, onSecond);

        assertThat(group.post(1, "/api/clients/" + onSecond + "/messages", "from the first").statusCode(), is(202));
        assertThat(group.post(2, "/api/clients/" + onFirst + "/messages", "from the second").statusCode(), is(202));
        assertThat(text(second.poll(WAIT_SECONDS, TimeUnit.SECONDS)), is("from the first"));
        assertThat(text(first.poll(WAIT_SECONDS, TimeUnit.SECONDS)), is("from the second"));

        HttpResponse<String> everyone = group.post(1, "/api/messages", "to everyone");
        assertThat(everyone.body(), everyone.statusCode(), is(202));
        assertThat(text(first.poll(WAIT_SECONDS, TimeUnit.SECONDS)), is("to everyone"));
        assertThat(text(second.poll(WAIT_SECONDS, TimeUnit.SECONDS)), is("to everyone"));
    }

    private BlockingQueue<ReceivedMessage> connect(int instance, String clientId) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        PushClient client = group.client(instance, clientId).listener(received::add).build();
        clients.add(client);
        client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return received;
    }

    private static String text(ReceivedMessage message) {
        assertThat("a message arrived", message, notNullValue());
        return message.text();
    }
}
