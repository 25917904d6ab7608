package io.spdypush.it.server;

import io.spdypush.client.PushClient;
import io.spdypush.it.Layout;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Undeploying the EAR stops the adapter and frees its port; deploying it again serves again. */
@ExtendWith(ArquillianExtension.class)
class ServerRedeployIT {

    private static final String EAR = "redeployed-ear";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("deployments.dir"), "spdypush.ear"));
    }

    @Test
    void redeployingTheEarRebindsTheSpdyPort() throws Exception {
        deployer.deploy(EAR);
        assertPushStreamOpens();

        deployer.undeploy(EAR);
        assertThrows(ConnectException.class, ServerRedeployIT::touchSpdyPort, "port closed after undeploy");

        deployer.deploy(EAR);
        try {
            assertPushStreamOpens();
        } finally {
            deployer.undeploy(EAR);
        }
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
