package io.spdypush.it.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An application's EJB that pushes inside its own container-managed transaction, which commits
 * when a method returns, or rolls back (or, for comparison, without one).
 */
@Stateless
public class TransactionalSender {

    @EJB
    private PushService push;

    @Resource
    private SessionContext context;

    public List<Delivery> sendAndCommit(String clientId, String messageId, String text) {
        return push.send(PushMessage.to(clientId).id(messageId).text(text));
    }

    public List<Delivery> sendAndRollBack(String clientId, String messageId, String text) {
        List<Delivery> deliveries = push.send(PushMessage.to(clientId).id(messageId).text(text));
        context.setRollbackOnly();
        return deliveries;
    }

    /** What the adapter did, known only after this method's transaction has committed. */
    public CompletionStage<List<Delivery>> sendAsyncAndCommit(String clientId, String messageId, String text) {
        return push.sendAsync(PushMessage.to(clientId).id(messageId).text(text));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CompletionStage<List<Delivery>> sendAsyncWithoutTransaction(String clientId, String messageId,
                                                                       String text) {
        return push.sendAsync(PushMessage.to(clientId).id(messageId).text(text));
    }
}
