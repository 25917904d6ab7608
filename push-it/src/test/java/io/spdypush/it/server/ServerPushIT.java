package io.spdypush.it.server;

import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EAR of the build, as it is, on a managed Payara Server domain. */
@ExtendWith(ArquillianExtension.class)
class ServerPushIT extends PushRoundTripContract {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Layout.ear();
    }
}
