package io.spdypush.it.otherapp;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
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

/**
 * On Payara Micro, with push-rar.rar and push.war deployed by the post-boot file
 * (micro-otherapp-post-boot-commands.txt), an application of its own pushes through PushService's
 * portable JNDI name, and the client receives.
 */
@ExtendWith(ArquillianExtension.class)
class MicroOtherApplicationIT {

    @ArquillianResource
    private URL server;

    @Deployment(testable = false)
    static WebArchive otherApplication() {
        return ShrinkWrap.create(WebArchive.class, "other-app.war").addClass(OtherApplicationServlet.class);
    }

    @Test
    void anotherApplicationPushesThroughTheGlobalJndiName() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = Layout.clientWithToken("other-app-1").listener(received::add).build()) {
            client.connect().get(20, TimeUnit.SECONDS);
            // Micro holds three applications here; the URL Arquillian gives may be another one's.
            URI servlet = new URI(server.getProtocol(), null, server.getHost(), server.getPort(),
                    "/other-app/push", "client=other-app-1", null);
            HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(servlet)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.body(), pushed.statusCode(), is(200));
            assertThat(pushed.body(), startsWith("ACCEPTED "));

            ReceivedMessage message = received.poll(20, TimeUnit.SECONDS);
            assertThat("the message the other application pushed arrives", message, notNullValue());
            assertThat(message.text(), is("from another app"));
        }
    }
}
