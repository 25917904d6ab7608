package io.spdypush.it.server;

import io.spdypush.it.Layout;
import io.spdypush.it.otherapp.OtherApplicationContract;
import io.spdypush.it.otherapp.OtherApplicationServlet;
import io.spdypush.it.otherapp.PushSenderProducer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.UUID;

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
        return Layout.ear();
    }

    @Deployment(name = "other-app", order = 2, testable = false)
    static WebArchive otherApplication() {
        return ShrinkWrap.create(WebArchive.class, "other-app.war").addClasses(OtherApplicationServlet.class, PushSenderProducer.class)
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
        OtherApplicationContract.anotherApplicationPushes(clientId, URI.create("http://localhost:"
                + Integer.getInteger("it.server.httpPort") + "/other-app/push?client=" + clientId));
    }

    @Test
    void anotherApplicationPushesInsideItsOwnTransaction() throws Exception {
        String clientId = "other-app-" + UUID.randomUUID();
        OtherApplicationContract.anotherApplicationPushesInATransaction(clientId, URI.create("http://localhost:"
                + Integer.getInteger("it.server.httpPort") + "/other-app/push?client=" + clientId
                + "&transaction=true"));
    }
}
