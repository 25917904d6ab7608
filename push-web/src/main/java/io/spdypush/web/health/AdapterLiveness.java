package io.spdypush.web.health;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live: the push adapter is started and answers through its connection factory. */
@Liveness
@ApplicationScoped
public class AdapterLiveness implements HealthCheck {

    static final String NAME = "push-adapter";

    @EJB
    private PushService push;

    @Override
    public HealthCheckResponse call() {
        try {
            AdapterStatus status = push.status();
            return HealthCheckResponse.named(NAME).up()
                    .withData("sessionsOnline", status.sessionsOnline())
                    .withData("pendingMessages", status.pendingMessages())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
