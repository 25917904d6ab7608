package io.spdypush.it.server;

import io.spdypush.it.Layout;
import io.spdypush.it.SecurityContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security and the REST API in the EAR of the build on a managed Payara Server domain. */
@ExtendWith(ArquillianExtension.class)
class ServerSecurityIT extends SecurityContract {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Layout.ear();
    }
}
