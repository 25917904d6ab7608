package io.spdypush.ejb;

import io.spdypush.api.AdapterSetting;
import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushConnection;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.cluster.ClusterNode;
import io.spdypush.ejb.delivery.HandOver;
import io.spdypush.ejb.delivery.MessageStore;
import io.spdypush.ejb.delivery.PushAdapter;
import io.spdypush.ejb.delivery.Receipts;
import io.spdypush.ejb.delivery.StoreFailures;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What applications call to push: {@code push.send(PushMessage.to("device-42").text("hello"))}.
 * Inject it with {@code @EJB} or {@code @Inject}; its portable JNDI name is
 * {@code java:global/<app>/push-ejb/PushService} (see the README).
 * <p>
 * At-least-once messages to client ids are stored, one row per recipient, before the adapter gets
 * them, and their outcome can be asked for ({@link #outcome}, {@link #whenDone}, or the CDI event
 * {@link DeliveryReceipt}). Inside a JTA transaction of the caller a message is stored in that
 * transaction and handed to the adapter only once it commits; outside one, at once.
 */
@Stateless
@LocalBean
@Local(PushSender.class)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PushService implements PushSender {

    @Inject
    private PushAdapter adapter;

    @EJB
    private MessageStore store;

    @Inject
    private HandOver handOver;

    @Inject
    private Receipts receipts;

    @Inject
    private StoreFailures storeFailures;

    @EJB
    private ClusterNode cluster;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ContextService contexts;

    /**
     * Sends the message to each client of its audience. Outside a transaction it is handed to the
     * adapter at once: each copy is accepted with its seq, or refused with the reason. Inside one,
     * each client id gets {@link Delivery.Status#DEFERRED} (a topic or everyone: no delivery, the
     * recipients are the sessions online at the commit), and the adapter gets it after the commit.
     */
    @Override
    public List<Delivery> send(PushMessage message) {
        if (!inTransaction()) {
            return sendNow(message);
        }
        afterCommit(message);
        return MessageStore.recipients(message).stream()
                .map(clientId -> Delivery.deferred(clientId, message.id())).toList();
    }

    /**
     * Sends the messages, in order, each as {@link #send} does; outside a transaction the stored ones are written in
     * one transaction of their own before any is handed over, so that many messages cost one commit. Should the
     * adapter be unreachable part-way, the messages after that are not sent ({@link PushUnavailableException}):
     * sending the batch again with the same message ids sends none twice, as the adapter keeps a pending id's seq.
     *
     * @return each message's deliveries, in the order of the messages
     */
    public List<List<Delivery>> sendAll(List<PushMessage> messages) {
        if (inTransaction()) {
            return messages.stream().map(this::send).toList();
        }
        List<PushMessage> kept = messages.stream().filter(MessageStore::keeps).toList();
        if (!kept.isEmpty()) {
            receipts.publish(storeInItsOwnTransaction(kept));
        }
        return messages.stream().map(handOver::handOver).toList();
    }

    /**
     * As {@link #send}, completing with what the adapter did: at once on another thread outside a
     * transaction, after the commit inside one (failing with {@link IllegalStateException} if it
     * rolls back).
     */
    public CompletionStage<List<Delivery>> sendAsync(PushMessage message) {
        if (inTransaction()) {
            return afterCommit(message).copy();
        }
        return executor.supplyAsync(() -> sendNow(message));
    }

    /**
     * Cancels a pending at-least-once message for one client: its row becomes CANCELLED (committed first, so that a
     * restart does not hand it back), then it is taken out of the client's outbox, so that it is not sent, or sent
     * again. A copy the client received already stays with it, and its acknowledgement turns the row DELIVERED.
     *
     * @return the outcome now, and whether this call cancelled it (else it was no longer pending); empty when no
     * such message is stored
     * @throws PushUnavailableException when the row is cancelled but the adapter could not be told: the message
     *                                  may still be sent (and then acknowledged) until the client's outbox is gone
     */
    public Optional<MessageStore.Cancellation> cancel(String clientId, String messageId) {
        Optional<MessageStore.Cancellation> cancellation = store.cancel(clientId, messageId, "cancelled by request");
        cancellation.filter(MessageStore.Cancellation::cancelled).ifPresent(cancelled -> {
            receipts.publish(List.of(cancelled.outcome()));
            cluster.cancel(clientId, messageId)
                    .orElseGet(() -> adapter.call(connection -> connection.cancel(clientId, messageId)));
        });
        return cancellation;
    }

    /** The outcome of an at-least-once message for one client, while its row is kept. */
    public Optional<DeliveryOutcome> outcome(String clientId, String messageId) {
        return store.outcome(clientId, messageId);
    }

    /**
     * Completes with the outcome of an at-least-once message for one client once it is no longer
     * PENDING; fails with {@link NoSuchElementException} when no such message is stored.
     */
    public CompletionStage<DeliveryOutcome> whenDone(String clientId, String messageId) {
        return receipts.whenDone(clientId, messageId);
    }

    /** A token with which the client may open its push stream until {@code validFor} has passed. */
    @Override
    public String mintToken(String clientId, Duration validFor) {
        return adapter.call(connection -> connection.mintToken(clientId, validFor));
    }

    /** What this server's adapter is doing right now (in a cluster: this node's; see {@link #clusterStatus}). */
    @Override
    public AdapterStatus status() {
        return adapter.call(PushConnection::status);
    }

    /** This node's name in the cluster (its data grid address); empty on a single server. */
    public Optional<String> node() {
        return cluster.nodeName();
    }

    /** The nodes of the cluster with their sessions and the totals; empty on a single server. */
    public Optional<ClusterStatus> clusterStatus() {
        return cluster.status();
    }

    /** The adapter's config properties as it runs with them, confidential ones hidden. */
    public List<AdapterSetting> adapterSettings() {
        return adapter.call(PushConnection::settings);
    }

    /**
     * The sessions online whose client id starts with the prefix, ordered by client id, one page of them: in a
     * cluster, those of every node.
     */
    @Override
    public List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        return cluster.sessions(clientIdPrefix, offset, limit)
                .orElseGet(() -> adapter.call(connection -> connection.sessions(clientIdPrefix, offset, limit)));
    }

    /** The session of one client, when it is online. */
    @Override
    public Optional<SessionInfo> session(String clientId) {
        return cluster.session(clientId).orElseGet(() -> adapter.call(connection -> connection.session(clientId)));
    }

    /** Ends the client's session; its messages stay in its outbox. Returns whether it was online. */
    @Override
    public boolean disconnect(String clientId) {
        return cluster.disconnect(clientId).orElseGet(() -> adapter.call(connection -> connection.disconnect(clientId)));
    }

    /** The topics with subscribers whose name starts with the prefix, ordered by name, one page of them. */
    public List<TopicInfo> topics(String namePrefix, int offset, int limit) {
        return cluster.topics(namePrefix, offset, limit)
                .orElseGet(() -> adapter.call(connection -> connection.topics(namePrefix, offset, limit)));
    }

    /** One page of the stored messages still pending, oldest first. */
    public List<DeliveryOutcome> pendingMessages(int offset, int limit) {
        return store.pending(offset, limit);
    }

    /** The stored messages of one client, newest first, finished ones for as long as receipts are kept. */
    public List<DeliveryOutcome> latestMessages(String clientId, int limit) {
        return store.latest(clientId, limit);
    }

    private boolean inTransaction() {
        return transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    private List<Delivery> sendNow(PushMessage message) {
        if (MessageStore.keeps(message)) {
            receipts.publish(storeInItsOwnTransaction(List.of(message)));
        }
        return handOver.handOver(message);
    }

    /**
     * Stores the messages in a transaction of the store's own. Its rows are written before the commit, so that a
     * database that is away is a refusal; one that goes away between the write and the commit fails the commit,
     * which the container reports as an EJBException: then too nothing was stored, and the sender is told so (503).
     */
    private List<DeliveryOutcome> storeInItsOwnTransaction(List<PushMessage> messages) {
        try {
            return store.storeAll(messages);
        } catch (EJBException e) {
            storeFailures.failed(e);
            throw new StoreUnavailableException(e);
        }
    }

    private CompletableFuture<List<Delivery>> afterCommit(PushMessage message) {
        List<DeliveryOutcome> collapsed = MessageStore.keeps(message) ? store.store(message) : List.of();
        AfterCommitHandOver handOverAfterCommit = new AfterCommitHandOver(message, collapsed, handOver::handOver,
                receipts::publish);
        // The commit may be another application's, whose thread runs afterCompletion in that application's naming
        // context: the hand-over runs in this one's, captured now, where its beans' injections resolve.
        transactions.registerInterposedSynchronization(
                contexts.createContextualProxy(handOverAfterCommit, Synchronization.class));
        return handOverAfterCommit.deliveries();
    }
}
