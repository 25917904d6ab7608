package io.spdypush.it.server;

import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The EAR of the build, as it is, on a managed Payara Server domain. */
@ExtendWith(ArquillianExtension.class)
class ServerPushIT extends PushRoundTripContract {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("deployments.dir"), "spdypush.ear"));
    }

    /** The domain runs with Netty's leak detection at PARANOID; whatever it reports fails the suite. */
    @AfterAll
    static void serverReportedNoBufferLeak() throws IOException {
        Path serverLog = Path.of(System.getProperty("payara.home"), "glassfish", "domains", "domain1", "logs",
                "server.log");
        assertThat(Files.readString(serverLog), not(containsString("LEAK:")));
    }
}
