package io.spdypush.examples.orders;

import io.spdypush.api.PushSender;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Lets this application's beans {@code @Inject PushSender}: PushService is a bean of another application (the
 * push server's push.war), which CDI does not see, so this finds it by its portable JNDI name and produces it.
 */
@ApplicationScoped
public class PushSenderProducer {

    /** PushService's name on Payara Micro; on Payara Server, the WAR's web.xml names the EAR's (see the README). */
    @EJB(name = "pushService", lookup = "java:global/push/PushService!io.spdypush.api.PushSender")
    private PushSender push;

    @Produces
    PushSender pushSender() {
        return push;
    }
}
