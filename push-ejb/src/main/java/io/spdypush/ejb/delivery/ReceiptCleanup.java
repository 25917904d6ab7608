package io.spdypush.ejb.delivery;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every hour, deletes the rows of messages that finished (delivered, expired, refused, collapsed)
 * longer ago than {@code spdypush.receiptRetentionHours} (MicroProfile Config, default 24): their
 * outcomes can be asked for until then. Pending rows are never deleted.
 */
@Singleton
public class ReceiptCleanup {

    static final String RETENTION_PROPERTY = "spdypush.receiptRetentionHours";
    private static final Logger LOG = Logger.getLogger(ReceiptCleanup.class.getName());

    @Inject
    @ConfigProperty(name = RETENTION_PROPERTY, defaultValue = "24")
    private long retentionHours;

    @EJB
    private MessageStore store;

    @Schedule(hour = "*", minute = "7", persistent = false)
    void deleteOldReceipts() {
        if (retentionHours < 0) {
            LOG.log(Level.WARNING, "{0} is {1}: it must be 0 or more hours; no receipts are deleted",
                    new Object[]{RETENTION_PROPERTY, retentionHours});
            return;
        }
        long cutoff = System.currentTimeMillis() - Duration.ofHours(retentionHours).toMillis();
        int deleted = store.deleteFinishedBefore(cutoff);
        if (deleted > 0) {
            LOG.log(Level.INFO, "Deleted {0} receipts of messages finished more than {1} hours ago ({2})",
                    new Object[]{deleted, retentionHours, RETENTION_PROPERTY});
        }
    }
}
