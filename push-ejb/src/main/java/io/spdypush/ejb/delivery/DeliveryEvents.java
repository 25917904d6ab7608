package io.spdypush.ejb.delivery;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushListener;
import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.webhook.Webhooks;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Hears the adapter's events (it has no {@code pathPrefix}, so no business requests) and turns
 * acknowledgements and expirations into the outcomes of stored messages, through the
 * {@link DeliveryLedger}, which writes many in one transaction, and sessions into the events of {@link Webhooks}. Bound to the adapter by {@code glassfish-ejb-jar.xml}: push-ejb's own in the EAR, the
 * WAR's on Payara Micro.
 */
@MessageDriven
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryEvents implements PushListener {

    @EJB
    private DeliveryLedger ledger;

    @Inject
    private Webhooks webhooks;

    @Override
    public void onAcknowledged(Acknowledgement acknowledgement) {
        ledger.delivered(acknowledgement);
    }

    @Override
    public void onExpired(Expiration expiration) {
        ledger.expired(expiration);
    }

    @Override
    public void onSessionOpened(SessionInfo session) {
        webhooks.sessionOpened(session);
    }

    @Override
    public void onSessionClosed(SessionInfo session) {
        webhooks.sessionClosed(session);
    }
}
