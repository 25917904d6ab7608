package io.spdypush.web.health;

import io.spdypush.ejb.StoreUnavailableException;
import io.spdypush.ejb.delivery.MessageStore;
import io.spdypush.ejb.delivery.StoreFailures;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready: the database of the stored messages took the last at-least-once send. During an outage the check asks
 * the database itself (at most once per back-off of the sends), so that it comes back up with the database even
 * when no send comes to find out; while the database answers, it costs nothing.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    static final String NAME = "message-store";

    @Inject
    private StoreFailures failures;

    @EJB
    private MessageStore store;

    @Override
    public HealthCheckResponse call() {
        if (failures.outage().isPresent()) {
            try {
                store.probe();
            } catch (StoreUnavailableException e) {
                // Still away, or within the back-off: the outage says why.
            }
        }
        return failures.outage()
                .map(reason -> HealthCheckResponse.named(NAME).down().withData("error", reason).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().build());
    }
}
