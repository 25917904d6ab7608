package io.spdypush.it.server;

import io.spdypush.it.Layout;
import io.spdypush.it.BundlingContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resource bundling with the EAR on Payara Server. */
@ExtendWith(ArquillianExtension.class)
class ServerBundlingIT extends BundlingContract {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Layout.ear();
    }
}
