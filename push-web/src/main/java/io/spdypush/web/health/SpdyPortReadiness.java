package io.spdypush.web.health;

import io.spdypush.api.AdapterStatus;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready: the adapter's SPDY listener is bound and accepting, as the adapter's status says. Asking it
 * costs a look at the listening channel; connecting to the port, as this check once did, cost every
 * {@code /health} call, which needs no credentials, a connection to the server.
 */
@Readiness
@ApplicationScoped
public class SpdyPortReadiness implements HealthCheck {

    static final String NAME = "spdy-port";

    @EJB
    private PushService push;

    @Override
    public HealthCheckResponse call() {
        try {
            return of(push.status());
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    static HealthCheckResponse of(AdapterStatus status) {
        String address = status.bindAddress() + ":" + status.spdyPort();
        if (!status.listening()) {
            return HealthCheckResponse.named(NAME).down().withData("address", address)
                    .withData("error", "the SPDY listener is not accepting connections").build();
        }
        return HealthCheckResponse.named(NAME).up().withData("address", address).build();
    }
}
