package io.spdypush.ejb.webhook;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the webhooks with the application, and reads the registered ones again every ten seconds: a webhook
 * registered or removed on another node of a cluster is called, or no longer, here within that time. While the
 * database cannot be read the webhooks known are kept, and one line says so.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookRefresh {

    private static final Logger LOG = Logger.getLogger(WebhookRefresh.class.getName());

    @Inject
    private Webhooks webhooks;

    private boolean failing;

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        webhooks.start(ConfiguredWebhooks.read(name -> config.getOptionalValue(name, String.class)));
        refresh();
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void refresh() {
        try {
            webhooks.refresh();
            if (failing) {
                failing = false;
                LOG.info("The registered webhooks are read again from the database");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "The registered webhooks cannot be read from the database; those known are"
                        + " kept, and it is tried again every 10 s: " + e, e);
            }
        }
    }
}
