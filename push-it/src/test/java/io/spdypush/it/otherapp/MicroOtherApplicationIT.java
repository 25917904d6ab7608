package io.spdypush.it.otherapp;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

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
        return ShrinkWrap.create(WebArchive.class, "other-app.war").addClasses(OtherApplicationServlet.class, PushSenderProducer.class);
    }

    @Test
    void anotherApplicationPushesThroughTheGlobalJndiName() throws Exception {
        // Micro holds three applications here; the URL Arquillian gives may be another one's.
        OtherApplicationContract.anotherApplicationPushes("other-app-1", new URI(server.getProtocol(), null,
                server.getHost(), server.getPort(), "/other-app/push", "client=other-app-1", null));
    }

    @Test
    void anotherApplicationPushesInsideItsOwnTransaction() throws Exception {
        OtherApplicationContract.anotherApplicationPushesInATransaction("other-app-2", new URI(server.getProtocol(),
                null, server.getHost(), server.getPort(), "/other-app/push", "client=other-app-2&transaction=true",
                null));
    }
}
