package io.spdypush.it.otherapp;

import io.spdypush.api.PushSender;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * What another application adds so that its beans can {@code @Inject PushSender} (README, "Pushing from another
 * application"): CDI sees only the beans of its own application, so this produces the reference to ours.
 */
@ApplicationScoped
public class PushSenderProducer {

    /** The name on Payara Micro; the WAR's web.xml may name another (the EAR's, on Payara Server). */
    @EJB(name = "pushService", lookup = "java:global/push/PushService!io.spdypush.api.PushSender")
    private PushSender push;

    @Produces
    PushSender pushSender() {
        return push;
    }
}
