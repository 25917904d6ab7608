package io.spdypush.it.otherapp;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** What each layout shows: {@link OtherApplicationServlet} pushes to a connected client, which receives. */
public final class OtherApplicationContract {

    private OtherApplicationContract() {
    }

    /**
     * @param servletAt where the deployed servlet answers, given the client id to push to: the message is sent
     *                  outside a transaction, ACCEPTED at once
     */
    public static void anotherApplicationPushes(String clientId, URI servletAt) throws Exception {
        pushedAndReceived(clientId, servletAt, "ACCEPTED ");
    }

    /**
     * @param servletAt as above, with {@code transaction=true}: the message is DEFERRED and handed over once the
     *                  other application's transaction committed, in push-ejb's context, not the caller's
     */
    public static void anotherApplicationPushesInATransaction(String clientId, URI servletAt) throws Exception {
        pushedAndReceived(clientId, servletAt, "DEFERRED ");
    }

    private static void pushedAndReceived(String clientId, URI servletAt, String status) throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
            client.connect().get(20, TimeUnit.SECONDS);
            HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(servletAt)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.body(), pushed.statusCode(), is(200));
            assertThat(pushed.body(), startsWith(status));

            ReceivedMessage message = received.poll(20, TimeUnit.SECONDS);
            assertThat("the message the other application pushed arrives", message, notNullValue());
            assertThat(message.text(), is("from another app"));
        }
    }
}
