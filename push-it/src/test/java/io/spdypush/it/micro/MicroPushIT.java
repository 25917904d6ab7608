package io.spdypush.it.micro;

import io.spdypush.it.Layout;
import io.spdypush.it.PushRoundTripContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Payara Micro layout, as the run command starts it: push-rar.rar (deployed by the
 * post-boot command file) and then push.war, the real archives of the build.
 */
@ExtendWith(ArquillianExtension.class)
class MicroPushIT extends PushRoundTripContract {

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }
}
