package io.spdypush.it.micro;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.Request;
import io.spdypush.client.Response;
import io.spdypush.it.Layout;
import io.spdypush.it.inbound.PageListener;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

/**
 * The inbound contract on Payara Micro: a message-driven bean of an application, bound to the
 * adapter, answers business requests (docs/PROTOCOL.md §3.2), and its sub-resources are pushed.
 */
@ExtendWith(ArquillianExtension.class)
class MicroInboundIT {

    private static final int WAIT_SECONDS = 20;

    /** The product's WAR with one more bean, as an application that answers requests would be. */
    @Deployment(testable = false)
    static WebArchive warWithAListener() {
        return Layout.pushWar()
                .addClass(PageListener.class);
    }

    @Test
    void aMessageDrivenBeanAnswersARequestAndItsSubresourcesArePushed() throws Exception {
        try (PushClient client = Layout.clientWithToken("inbound-1").listener(message -> { }).build()) {
            PushSession session = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Response response = session.request(Request.to("/it/page").method("POST").text("please"))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(response.status(), is(200));
            assertThat(response.text(), is("<html>POST /it/page for inbound-1 please</html>"));
            assertThat(response.subresourceTags(), contains("/it/style.css", "/it/app.js"));
            assertThat(response.subresources().stream().map(PushedResource::path).toList(),
                    containsInAnyOrder("/it/style.css", "/it/app.js"));
            assertThat(response.subresources().stream().map(PushedResource::text).toList(),
                    containsInAnyOrder("body{}", "go()"));
        }
    }

    @Test
    void aFailingBeanGetsTheClient500AndAnUnknownPath404() throws Exception {
        try (PushClient client = Layout.clientWithToken("inbound-2").listener(message -> { }).build()) {
            PushSession session = client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(session.request("/it/fail").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(500));
            assertThat(session.request("/elsewhere").get(WAIT_SECONDS, TimeUnit.SECONDS).status(), is(404));
            assertThat("the session goes on", session.request("/it/again").get(WAIT_SECONDS, TimeUnit.SECONDS)
                    .status(), is(200));
        }
    }
}
