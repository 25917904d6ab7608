package io.spdypush.it.micro;

import io.spdypush.it.Layout;
import io.spdypush.it.BundlingContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resource bundling with the Micro pair, as the run command starts it. */
@ExtendWith(ArquillianExtension.class)
class MicroBundlingIT extends BundlingContract {

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }
}
