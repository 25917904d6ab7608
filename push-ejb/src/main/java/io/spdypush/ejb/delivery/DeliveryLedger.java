package io.spdypush.ejb.delivery;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Delivery;
import io.spdypush.api.Expiration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Writes what the adapter reports about stored messages (seqs given, refusals, acknowledgements,
 * expirations) in batches ({@link GroupCommit}): under load one transaction records hundreds of
 * them, instead of one transaction each on the delivery path. What is reported but not yet
 * written when the application stops is written before it goes; should that fail, the rows stay
 * pending and are handed over again at the next start (at least once).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryLedger {

    /** Rows per transaction; also keeps each batch's lookup within one {@code IN} list. */
    static final int BATCH = MessageStore.CHUNK;
    private static final long FIRST_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 5_000;
    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;

    @EJB
    private MessageStore store;

    @Inject
    private Receipts receipts;

    @Resource
    private ManagedExecutorService executor;

    private GroupCommit<RowUpdate> updates;

    @PostConstruct
    void start() {
        updates = new GroupCommit<>("Delivery updates of stored messages", BATCH, executor,
                batch -> receipts.publish(store.apply(batch)), FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
    }

    @PreDestroy
    void stop() {
        updates.close(SHUTDOWN_WAIT_MILLIS);
    }

    /** The adapter took these copies of a stored message with their seqs, or refused them. */
    public void handedOver(List<Delivery> deliveries) {
        RowUpdate.of(deliveries).forEach(updates::add);
    }

    public void delivered(Acknowledgement acknowledgement) {
        RowUpdate.of(acknowledgement).forEach(updates::add);
    }

    public void expired(Expiration expiration) {
        RowUpdate.of(expiration).forEach(updates::add);
    }
}
