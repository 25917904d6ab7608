package io.spdypush.ejb.cluster;

import io.spdypush.api.PushListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The adapter asks this bean, on a node of a cluster, to make the node the home of a client whose session is
 * opening there ({@link PushListener#claimClient}). Bound to the adapter as the other beans are
 * ({@code glassfish-ejb-jar.xml}).
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "clientClaims", propertyValue = "true"))
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClientClaims implements PushListener {

    @EJB
    private ClusterNode node;

    @Override
    public void claimClient(String clientId) {
        node.claim(clientId);
    }
}
