package io.spdypush.ejb.delivery;

import io.spdypush.api.PushMessage;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.UnstorableMessageException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/**
 * One at-least-once message for one client, kept until it is acknowledged or expires, so that it
 * can be handed to the adapter again after a crash, and its outcome told to the sender. Times are
 * epoch milliseconds, which every database stores alike.
 */
@Entity
@Table(name = "SPDYPUSH_MESSAGE",
        uniqueConstraints = @UniqueConstraint(name = "SPDYPUSH_MESSAGE_RECIPIENT",
                columnNames = {"CLIENT_ID", "MESSAGE_ID"}),
        indexes = @Index(name = "SPDYPUSH_MESSAGE_STATE", columnList = "STATE, FINISHED_AT"))
public class StoredMessage {

    /** The longest message id, content type and collapse key a row holds. */
    static final int MAX_TEXT = 512;

    /**
     * Increases with each row stored: the order in which pending rows are handed back after a
     * restart. From a sequence, which H2 2 and PostgreSQL both have (EclipseLink writes an
     * IDENTITY column that H2 2 refuses), in blocks of 500: senders wait for the block's lock
     * once per 500 rows. The sequence's increment must equal allocationSize;
     * META-INF/create-sequence.sql sets it at each start, also on databases made with 50.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SPDYPUSH_MESSAGE_ID")
    @SequenceGenerator(name = "SPDYPUSH_MESSAGE_ID", sequenceName = "SPDYPUSH_MESSAGE_ID", allocationSize = 500)
    @Column(name = "ID")
    private Long id;

    @Column(name = "CLIENT_ID", nullable = false, length = 128)
    private String clientId;

    @Column(name = "MESSAGE_ID", nullable = false, length = MAX_TEXT)
    private String messageId;

    @Column(name = "CONTENT_TYPE", nullable = false, length = MAX_TEXT)
    private String contentType;

    @Lob
    @Column(name = "PAYLOAD", nullable = false)
    private byte[] payload;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "COLLAPSE_KEY", length = MAX_TEXT)
    private String collapseKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "PRIORITY", nullable = false, length = 16)
    private PushMessage.Priority priority;

    /** 0 until the adapter has given one. */
    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", nullable = false, length = 16)
    private DeliveryOutcome.State state;

    @Column(name = "REASON", length = 1024)
    private String reason;

    @Column(name = "STORED_AT", nullable = false)
    private long storedAt;

    @Column(name = "FINISHED_AT")
    private Long finishedAt;

    protected StoredMessage() {
        // for JPA
    }

    StoredMessage(String clientId, PushMessage message, long nowMillis) {
        this.clientId = clientId;
        this.messageId = message.id();
        takeContentOf(message, nowMillis);
    }

    /** Throws when a text field of the message is longer than its column. */
    static void requireStorable(PushMessage message) {
        requireFits("id", message.id());
        requireFits("content type", message.contentType());
        if (message.collapseKey() != null) {
            requireFits("collapse key", message.collapseKey());
        }
    }

    private static void requireFits(String name, String value) {
        if (value.length() > MAX_TEXT) {
            throw new UnstorableMessageException("message " + name + " of " + value.length()
                    + " characters is longer than the " + MAX_TEXT + " an at-least-once message may have"
                    + " (shorten it, or send the message AT_MOST_ONCE)");
        }
    }

    /** Pending again with this content: a message sent again under the same id replaces the row's content. */
    void takeContentOf(PushMessage message, long nowMillis) {
        contentType = message.contentType();
        payload = message.payload();
        expiresAt = message.expires() == null ? null : message.expires().toEpochMilli();
        collapseKey = message.collapseKey();
        priority = message.priority();
        seq = 0;
        state = DeliveryOutcome.State.PENDING;
        reason = null;
        storedAt = nowMillis;
        finishedAt = null;
    }

    /** The message as it was sent, for this client only. */
    PushMessage toMessage() {
        PushMessage message = PushMessage.to(clientId).id(messageId).bytes(contentType, payload).priority(priority);
        if (expiresAt != null) {
            message = message.expires(Instant.ofEpochMilli(expiresAt));
        }
        if (collapseKey != null) {
            message = message.collapseKey(collapseKey);
        }
        return message;
    }

    void handedOver(long seq) {
        this.seq = seq;
    }

    /** Moves to a finished state and returns the outcome to tell. */
    DeliveryOutcome finish(DeliveryOutcome.State finished, String why, long nowMillis) {
        state = finished;
        reason = why == null || why.isEmpty() ? null : why;
        finishedAt = nowMillis;
        return outcome();
    }

    DeliveryOutcome outcome() {
        return new DeliveryOutcome(clientId, messageId, seq, state, reason == null ? "" : reason);
    }

    /** The seq the adapter gave, 0 until the ledger has written it. */
    long seq() {
        return seq;
    }

    long id() {
        return id;
    }

    /** When the row was stored (or last taken over by a message of the same id), epoch milliseconds. */
    long storedAt() {
        return storedAt;
    }

    String clientId() {
        return clientId;
    }

    Recipient recipient() {
        return new Recipient(clientId, messageId);
    }

    DeliveryOutcome.State state() {
        return state;
    }

    boolean isPending() {
        return state == DeliveryOutcome.State.PENDING;
    }
}
