package io.spdypush.ejb.cluster;

import io.spdypush.api.PushListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.List;
import java.util.Map;

/**
 * The adapter asks this bean, on a node of a cluster, to make the node the home of clients whose sessions are
 * opening there ({@link PushListener#claimClients}). Bound to the adapter as the other beans are
 * ({@code glassfish-ejb-jar.xml}).
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "clientClaims", propertyValue = "true"))
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClientClaims implements PushListener {

    @EJB
    private ClusterNode node;

    @Override
    public Map<String, RuntimeException> claimClients(List<String> clientIds) {
        return node.claim(clientIds);
    }

    @Override
    public void clientsForgotten(List<String> clientIds) {
        node.forgotten(clientIds);
    }
}
