package io.spdypush.ejb.delivery;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.DeliveryOutcome.State;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored at-least-once messages, one row per recipient ({@link StoredMessage}). Rows are
 * written in the caller's transaction when stored, and each change that follows (the seq the
 * adapter gave, an acknowledgement, an expiry) in a transaction of its own. The methods that
 * finish rows return their outcomes, for the caller to publish once committed.
 */
@Stateless
public class MessageStore {

    /** Client ids or message ids per {@code IN} list: well below every database's limit on parameters. */
    private static final int CHUNK = 500;

    @PersistenceContext(unitName = "spdypush")
    private EntityManager em;

    /** Whether PushService stores the message: at least once, to client ids (not to topics or everyone). */
    public static boolean keeps(PushMessage message) {
        return message.qos() == PushMessage.QualityOfService.AT_LEAST_ONCE && !recipients(message).isEmpty();
    }

    /** The client ids a message names, each once; empty for topics and everyone. */
    public static List<String> recipients(PushMessage message) {
        if (message.audience() instanceof Audience.Client one) {
            return List.of(one.clientId());
        }
        if (message.audience() instanceof Audience.Clients many) {
            return many.clientIds().stream().distinct().toList();
        }
        return List.of();
    }

    /**
     * Stores a row per recipient, PENDING, in the caller's transaction (or one of its own). A
     * message id already stored for a client takes the row over. Older pending rows of the same
     * client with the same collapse key become COLLAPSED, as the adapter replaces them.
     *
     * @return the outcomes of the rows collapsed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<DeliveryOutcome> store(PushMessage message) {
        StoredMessage.requireStorable(message);
        long now = System.currentTimeMillis();
        List<String> clientIds = recipients(message);
        Map<String, StoredMessage> existing = rows(message.id(), clientIds);
        for (String clientId : clientIds) {
            StoredMessage row = existing.get(clientId);
            if (row == null) {
                em.persist(new StoredMessage(clientId, message, now));
            } else {
                row.takeContentOf(message, now);
            }
        }
        if (message.collapseKey() == null) {
            return List.of();
        }
        List<DeliveryOutcome> collapsed = new ArrayList<>();
        for (List<String> chunk : chunks(clientIds)) {
            em.createQuery("SELECT m FROM StoredMessage m WHERE m.clientId IN :clients AND m.collapseKey = :key"
                            + " AND m.state = :pending AND m.messageId <> :id", StoredMessage.class)
                    .setParameter("clients", chunk).setParameter("key", message.collapseKey())
                    .setParameter("pending", State.PENDING).setParameter("id", message.id())
                    .getResultList()
                    .forEach(row -> collapsed.add(row.finish(State.COLLAPSED, "replaced by message " + message.id()
                            + " with the same collapse key", now)));
        }
        return collapsed;
    }

    /**
     * Records what the adapter did with a stored message: the seq of each accepted copy, REFUSED
     * with the reason for each refused one.
     *
     * @return the outcomes of the rows refused
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> recordHandOver(List<Delivery> deliveries) {
        long now = System.currentTimeMillis();
        List<DeliveryOutcome> refused = new ArrayList<>();
        Map<String, List<Delivery>> byMessage = deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::messageId));
        byMessage.forEach((messageId, ofMessage) -> {
            Map<String, Delivery> byClient = ofMessage.stream()
                    .collect(Collectors.toMap(Delivery::clientId, Function.identity()));
            for (StoredMessage row : rows(messageId, byClient.keySet()).values()) {
                Delivery delivery = byClient.get(row.clientId());
                if (delivery.status() == Delivery.Status.ACCEPTED) {
                    row.handedOver(delivery.seq());
                } else if (delivery.status() == Delivery.Status.REFUSED && row.isPending()) {
                    refused.add(row.finish(State.REFUSED, delivery.reason(), now));
                }
            }
        });
        return refused;
    }

    /** The pending rows of a message that could not be handed over become REFUSED with the reason. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> refuse(PushMessage message, String reason) {
        long now = System.currentTimeMillis();
        return rows(message.id(), recipients(message)).values().stream().filter(StoredMessage::isPending)
                .map(row -> row.finish(State.REFUSED, reason, now)).toList();
    }

    /** The client acknowledged these messages: DELIVERED, also those a newer one collapsed after they were sent. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> delivered(Acknowledgement acknowledgement) {
        return finish(acknowledgement.clientId(), acknowledgement.messageIds(), List.of(State.PENDING, State.COLLAPSED),
                State.DELIVERED);
    }

    /** These messages expired in the client's outbox: EXPIRED. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> expired(Expiration expiration) {
        return finish(expiration.clientId(), expiration.messageIds(), List.of(State.PENDING), State.EXPIRED);
    }

    /** Pending rows whose expiry has passed become EXPIRED: the adapter would not send them any more. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> expireOverdue(long nowMillis) {
        return em.createQuery("SELECT m FROM StoredMessage m WHERE m.state = :pending AND m.expiresAt <= :now",
                        StoredMessage.class)
                .setParameter("pending", State.PENDING).setParameter("now", nowMillis)
                .getResultList().stream()
                .map(row -> row.finish(State.EXPIRED, "", nowMillis)).toList();
    }

    /** Pending rows stored after row {@code afterId}, oldest first, at most {@code max}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredMessage> pendingAfter(long afterId, int max) {
        return em.createQuery("SELECT m FROM StoredMessage m WHERE m.state = :pending AND m.id > :after"
                        + " ORDER BY m.id", StoredMessage.class)
                .setParameter("pending", State.PENDING).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<DeliveryOutcome> outcome(String clientId, String messageId) {
        return em.createQuery("SELECT m FROM StoredMessage m WHERE m.clientId = :client AND m.messageId = :id",
                        StoredMessage.class)
                .setParameter("client", clientId).setParameter("id", messageId)
                .getResultStream().findFirst().map(StoredMessage::outcome);
    }

    /** Deletes the rows that finished before {@code cutoffMillis}; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int deleteFinishedBefore(long cutoffMillis) {
        return em.createQuery("DELETE FROM StoredMessage m WHERE m.state <> :pending AND m.finishedAt < :cutoff")
                .setParameter("pending", State.PENDING).setParameter("cutoff", cutoffMillis)
                .executeUpdate();
    }

    private List<DeliveryOutcome> finish(String clientId, List<String> messageIds, List<State> from, State to) {
        long now = System.currentTimeMillis();
        List<DeliveryOutcome> finished = new ArrayList<>();
        for (List<String> chunk : chunks(messageIds)) {
            em.createQuery("SELECT m FROM StoredMessage m WHERE m.clientId = :client AND m.messageId IN :ids"
                            + " AND m.state IN :from", StoredMessage.class)
                    .setParameter("client", clientId).setParameter("ids", chunk).setParameter("from", from)
                    .getResultList()
                    .forEach(row -> finished.add(row.finish(to, "", now)));
        }
        return finished;
    }

    /** The rows of one message id for these clients, by client id. */
    private Map<String, StoredMessage> rows(String messageId, Collection<String> clientIds) {
        return chunks(List.copyOf(clientIds)).stream()
                .flatMap(chunk -> em.createQuery("SELECT m FROM StoredMessage m WHERE m.messageId = :id"
                                + " AND m.clientId IN :clients", StoredMessage.class)
                        .setParameter("id", messageId).setParameter("clients", chunk)
                        .getResultList().stream())
                .collect(Collectors.toMap(StoredMessage::clientId, Function.identity()));
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
