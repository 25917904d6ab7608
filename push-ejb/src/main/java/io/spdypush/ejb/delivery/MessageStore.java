package io.spdypush.ejb.delivery;

import io.spdypush.api.Audience;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.DeliveryOutcome.State;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.spdypush.ejb.StoreUnavailableException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The stored at-least-once messages, one row per recipient ({@link StoredMessage}). Rows are
 * written in the caller's transaction when stored; the changes that follow (the seq the adapter
 * gave, an acknowledgement, an expiry) are written many at a time ({@link #apply}, fed by the
 * {@link DeliveryLedger}). The methods that
 * finish rows return their outcomes, for the caller to publish once committed.
 */
@Stateless
public class MessageStore {

    /** Client ids or message ids per {@code IN} list: well below every database's limit on parameters. */
    static final int CHUNK = 500;

    /**
     * Recipients per row lookup on H2, where each is a seek of its own ({@link Lookup#POINT_LOOKUPS}): H2 finds
     * the candidates of a {@code (CLIENT_ID, MESSAGE_ID) IN} list by the index's first column alone and compares
     * every row of each client named with every pair of the list. With 1 000 receipts kept per client, 16 pairs
     * took 8-30 ms that way and 0.1-0.15 ms as 16 seeks (H2 2.3.232, 200 clients); the bench's server went on
     * writing acknowledgements for over a minute after a burst of stored messages.
     */
    static final int H2_LOOKUP_PAIRS = 64;

    /** How this database looks rows up, null until known. */
    private static final AtomicReference<Lookup> LOOKUP = new AtomicReference<>();

    private static final Logger LOG = Logger.getLogger(MessageStore.class.getName());
    /** An id the sequence never hands out. */
    private static final long NO_ROW = -1;

    private static final String SELECT_ROWS = "SELECT * FROM SPDYPUSH_MESSAGE WHERE ";

    /**
     * The statements that find rows by recipient, as each database suits, in native SQL: JPQL has no row values,
     * and two IN lists, one per column, made H2 scan every row of every client named. EclipseLink looks each
     * parameter of a statement up in a list of all of them, so the cost of binding grows with the square of their
     * number: with a parameter per client id or per pair, binding took a seventh of a node's CPU while it took
     * back the stored messages of the clients of a node that died (PostgreSQL, lists of up to 500), and each
     * length of list was a statement of its own for the database to plan.
     */
    private enum Lookup {
        /** One array per column, whatever their length: two parameters, found pair by pair on the recipient index. */
        ARRAYS(CHUNK, "arrays of client ids and message ids") {
            @Override
            Query recipients(EntityManager em, List<Recipient> recipients) {
                return em.createNativeQuery(SELECT_ROWS + "(CLIENT_ID, MESSAGE_ID) IN (SELECT * FROM"
                                + " UNNEST(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])))", StoredMessage.class)
                        .setParameter(1, recipients.stream().map(Recipient::clientId).toArray(String[]::new))
                        .setParameter(2, recipients.stream().map(Recipient::messageId).toArray(String[]::new));
            }

            @Override
            Query pendingOf(EntityManager em, List<String> clientIds) {
                return em.createNativeQuery(SELECT_ROWS + "CLIENT_ID = ANY(CAST(? AS VARCHAR[])) AND STATE = ?"
                                + " ORDER BY ID", StoredMessage.class)
                        .setParameter(1, clientIds.toArray(String[]::new))
                        .setParameter(2, State.PENDING.name());
            }
        },
        /** One list of row values, for a database other than PostgreSQL and H2. */
        ROW_VALUES(CHUNK, "lists of (client id, message id)") {
            @Override
            Query recipients(EntityManager em, List<Recipient> recipients) {
                return pairs(em, recipients, slots -> SELECT_ROWS + "(CLIENT_ID, MESSAGE_ID) IN ("
                        + String.join(", ", Collections.nCopies(slots, "(?, ?)")) + ")");
            }
        },
        /** A seek on the recipient index per pair, for H2 (see {@link #H2_LOOKUP_PAIRS}). */
        POINT_LOOKUPS(H2_LOOKUP_PAIRS, "one seek per recipient") {
            @Override
            Query recipients(EntityManager em, List<Recipient> recipients) {
                return pairs(em, recipients, slots -> String.join(" UNION ALL ",
                        Collections.nCopies(slots, SELECT_ROWS + "CLIENT_ID = ? AND MESSAGE_ID = ?")));
            }
        };

        final int maxPairs;
        final String description;

        Lookup(int maxPairs, String description) {
            this.maxPairs = maxPairs;
            this.description = description;
        }

        /** The rows of these recipients, at most {@link #maxPairs}. */
        abstract Query recipients(EntityManager em, List<Recipient> recipients);

        /** The pending rows of these clients, at most {@link #CHUNK}, oldest first. */
        Query pendingOf(EntityManager em, List<String> clientIds) {
            return em.createQuery("SELECT m FROM StoredMessage m WHERE m.clientId IN :clients"
                            + " AND m.state = :pending ORDER BY m.id", StoredMessage.class)
                    .setParameter("clients", clientIds).setParameter("pending", State.PENDING);
        }

        /**
         * A statement with a parameter pair per recipient, padded (repeating the last) to a power of two, so that
         * few statements are cached.
         */
        private static Query pairs(EntityManager em, List<Recipient> recipients, IntFunction<String> sql) {
            int slots = Integer.highestOneBit(Math.max(1, recipients.size() * 2 - 1));
            Query query = em.createNativeQuery(sql.apply(slots), StoredMessage.class);
            for (int slot = 0; slot < slots; slot++) {
                Recipient recipient = recipients.get(Math.min(slot, recipients.size() - 1));
                query.setParameter(2 * slot + 1, recipient.clientId());
                query.setParameter(2 * slot + 2, recipient.messageId());
            }
            return query;
        }
    }

    @PersistenceContext(unitName = "spdypush")
    private EntityManager em;

    @Inject
    private StoreFailures storeFailures;

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
        return storeAll(List.of(message));
    }

    /**
     * Stores the messages as {@link #store} does each, in one transaction: one commit for many messages is what
     * makes a batch of them cheap.
     *
     * @return the outcomes of the rows collapsed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<DeliveryOutcome> storeAll(List<PushMessage> messages) {
        messages.forEach(StoredMessage::requireStorable);
        storeFailures.beforeTrying();
        try {
            List<DeliveryOutcome> collapsed = new ArrayList<>();
            for (PushMessage message : messages) {
                collapsed.addAll(storeRows(message));
            }
            // Written now, not at the commit, so that a database that is away is a refusal the sender hears of.
            em.flush();
            storeFailures.succeeded();
            return collapsed;
        } catch (PersistenceException e) {
            storeFailures.failed(e);
            throw new StoreUnavailableException(e);
        }
    }

    private List<DeliveryOutcome> storeRows(PushMessage message) {
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
        for (List<String> chunk : chunks(clientIds, CHUNK)) {
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

    /** The pending rows of a message that could not be handed over become REFUSED with the reason. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> refuse(PushMessage message, String reason) {
        long now = System.currentTimeMillis();
        return rows(message.id(), recipients(message)).values().stream().filter(StoredMessage::isPending)
                .map(row -> row.finish(State.REFUSED, reason, now)).toList();
    }

    /**
     * Writes what the adapter reported, in order, in one transaction: the seq of each accepted
     * copy; REFUSED with the reason; DELIVERED when acknowledged, also for rows a newer message
     * collapsed, or a cancel finished, after they were sent; EXPIRED. Updates of messages not stored (at most once) find
     * no row and change nothing.
     *
     * @param updates at most {@link #CHUNK}
     * @return the outcomes of the rows finished
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<DeliveryOutcome> apply(List<RowUpdate> updates) {
        long now = System.currentTimeMillis();
        Map<Recipient, StoredMessage> rows = rows(updates);
        List<DeliveryOutcome> finished = new ArrayList<>();
        for (RowUpdate update : updates) {
            StoredMessage row = rows.get(update.recipient());
            if (row == null) {
                continue;
            }
            switch (update.change()) {
                case ACCEPTED -> row.handedOver(update.seq());
                case REFUSED -> {
                    if (row.isPending()) {
                        finished.add(row.finish(State.REFUSED, update.reason(), now));
                    }
                }
                case DELIVERED -> {
                    if (row.isPending() || row.state() == State.COLLAPSED || row.state() == State.CANCELLED) {
                        finished.add(row.finish(State.DELIVERED, "", now));
                    }
                }
                case EXPIRED -> {
                    if (row.isPending()) {
                        finished.add(row.finish(State.EXPIRED, "", now));
                    }
                }
            }
        }
        return finished;
    }

    /**
     * What a cancel found.
     *
     * @param outcome   the row's outcome now
     * @param cancelled whether this cancel finished it (it was pending)
     */
    public record Cancellation(DeliveryOutcome outcome, boolean cancelled) {
    }

    /**
     * The client's pending row of the message becomes CANCELLED, committed before the adapter is told, so that a
     * restart cannot hand it back; a row no longer pending is left as it is. One conditional UPDATE, not a read
     * and a write: an acknowledgement written meanwhile is not overwritten.
     *
     * @return what became of it; empty when there is no such row
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Cancellation> cancel(String clientId, String messageId, String reason) {
        int cancelled = em.createQuery("UPDATE StoredMessage m SET m.state = :cancelled, m.reason = :reason,"
                        + " m.finishedAt = :now WHERE m.clientId = :client AND m.messageId = :id AND m.state = :pending")
                .setParameter("cancelled", State.CANCELLED).setParameter("reason", reason)
                .setParameter("now", System.currentTimeMillis()).setParameter("client", clientId)
                .setParameter("id", messageId).setParameter("pending", State.PENDING)
                .executeUpdate();
        return outcome(clientId, messageId).map(outcome -> new Cancellation(outcome, cancelled == 1));
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

    /**
     * The clients' pending rows, oldest first: a node that becomes their home takes them back. In a transaction
     * even for a caller without one: outside one EclipseLink lends no connection to ask which database this is,
     * and each call asked again, the answer unknown.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<StoredMessage> pendingOf(Collection<String> clientIds) {
        Lookup lookup = lookup();
        List<StoredMessage> pending = new ArrayList<>();
        for (List<String> chunk : chunks(List.copyOf(clientIds), CHUNK)) {
            for (Object found : lookup.pendingOf(em, chunk).getResultList()) {
                pending.add((StoredMessage) found);
            }
        }
        return pending;
    }

    /**
     * Asks the database a trivial question, as the health check does during an outage: once it answers, the sends
     * refused meanwhile are over even when none came to find out.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void probe() {
        storeFailures.beforeTrying();
        try {
            em.createQuery("SELECT COUNT(m) FROM StoredMessage m WHERE m.id = -1").getSingleResult();
            storeFailures.succeeded();
        } catch (PersistenceException e) {
            storeFailures.failed(e);
            throw new StoreUnavailableException(e);
        }
    }

    /** One page of the pending rows, oldest first, for the management pages (the state index finds them). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeliveryOutcome> pending(int offset, int limit) {
        return em.createQuery("SELECT m FROM StoredMessage m WHERE m.state = :pending ORDER BY m.id",
                        StoredMessage.class)
                .setParameter("pending", State.PENDING)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultStream().map(StoredMessage::outcome).toList();
    }

    /** A client's stored rows, newest first, at most {@code limit} (the recipient constraint's index finds them). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeliveryOutcome> latest(String clientId, int limit) {
        return em.createQuery("SELECT m FROM StoredMessage m WHERE m.clientId = :client ORDER BY m.id DESC",
                        StoredMessage.class)
                .setParameter("client", clientId)
                .setMaxResults(limit)
                .getResultStream().map(StoredMessage::outcome).toList();
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

    /** The rows the updates are about, by recipient. */
    private Map<Recipient, StoredMessage> rows(List<RowUpdate> updates) {
        if (updates.size() > CHUNK) {
            throw new IllegalArgumentException(updates.size() + " updates at once, at most " + CHUNK);
        }
        return rows(updates.stream().map(RowUpdate::recipient).collect(Collectors.toSet()));
    }

    /** The rows of one message id for these clients, by client id. */
    private Map<String, StoredMessage> rows(String messageId, Collection<String> clientIds) {
        Map<String, StoredMessage> byClient = new HashMap<>();
        rows(clientIds.stream().map(clientId -> new Recipient(clientId, messageId)).toList())
                .forEach((recipient, row) -> byClient.put(recipient.clientId(), row));
        return byClient;
    }

    /** The rows of these recipients, by recipient, found on the (client id, message id) unique index. */
    private Map<Recipient, StoredMessage> rows(Collection<Recipient> recipients) {
        Map<Recipient, StoredMessage> rows = new HashMap<>();
        Lookup lookup = lookup();
        for (List<Recipient> chunk : chunks(List.copyOf(recipients), lookup.maxPairs)) {
            for (Object found : lookup.recipients(em, chunk).getResultList()) {
                StoredMessage row = (StoredMessage) found;
                rows.put(row.recipient(), row);
            }
        }
        return rows;
    }

    /**
     * {@link Lookup#POINT_LOOKUPS} on H2, {@link Lookup#ARRAYS} on PostgreSQL, else {@link Lookup#ROW_VALUES}:
     * asked of the transaction's connection the first time, and row values while the persistence provider gives
     * none. EclipseLink takes a connection for the
     * transaction only at its first statement, and the lookup is often the first: a select of no row comes
     * first then, once.
     */
    private Lookup lookup() {
        Lookup known = LOOKUP.get();
        if (known != null) {
            return known;
        }
        Connection connection = em.unwrap(Connection.class);
        if (connection == null) {
            em.find(StoredMessage.class, NO_ROW); // a select by primary key, in every database's SQL
            connection = em.unwrap(Connection.class);
        }
        if (connection == null) {
            return Lookup.ROW_VALUES;
        }
        String database;
        try {
            database = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new PersistenceException("Cannot tell which database stores the messages: " + e, e);
        }
        known = switch (database.toUpperCase(Locale.ROOT)) {
            case "H2" -> Lookup.POINT_LOOKUPS;
            case "POSTGRESQL" -> Lookup.ARRAYS;
            default -> Lookup.ROW_VALUES;
        };
        if (LOOKUP.compareAndSet(null, known)) {
            LOG.log(Level.INFO, "Stored messages are in {0}: rows are found by {1}", new Object[]{database,
                    known.description});
        }
        return known;
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }
}
