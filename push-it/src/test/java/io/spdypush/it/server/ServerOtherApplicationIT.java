package io.spdypush.it.server;

import io.spdypush.client.PushClient;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.it.Layout;
import io.spdypush.it.otherapp.OtherApplicationServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * On Payara Server, with push-api.jar in the domain's lib (see push-it's pom.xml and the README),
 * an application deployed beside the EAR pushes through PushService's portable JNDI name, and the
 * client receives. Its web.xml names the EAR's PushService; its code is the one that runs on Micro.
 */
@ExtendWith(ArquillianExtension.class)
class ServerOtherApplicationIT {

    private static final String EAR_PUSH_SERVICE = "java:global/spdypush/push-ejb/PushService!io.spdypush.api.PushSender";

    @Deployment(name = "ear", order = 1, testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("deployments.dir"), "spdypush.ear"));
    }

    @Deployment(name = "other-app", order = 2, testable = false)
    static WebArchive otherApplication() {
        return ShrinkWrap.create(WebArchive.class, "other-app.war").addClass(OtherApplicationServlet.class)
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <ejb-local-ref>
                                <ejb-ref-name>pushService</ejb-ref-name>
                                <local>io.spdypush.api.PushSender</local>
                                <lookup-name>%s</lookup-name>
                            </ejb-local-ref>
                        </web-app>
                        """.formatted(EAR_PUSH_SERVICE)));
    }

    @Test
    void anotherApplicationPushesThroughTheGlobalJndiNameOfTheEar() throws Exception {
        String clientId = "other-app-" + UUID.randomUUID();
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient client = Layout.clientWithToken(clientId).listener(received::add).build()) {
            client.connect().get(20, TimeUnit.SECONDS);
            URI servlet = URI.create("http://localhost:" + Integer.getInteger("it.server.httpPort")
                    + "/other-app/push?client=" + clientId);
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
