package io.spdypush.rar.spdy;

import io.spdypush.api.Acknowledgement;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.Expiration;
import io.spdypush.api.PushMessage;
import io.spdypush.protocol.PushPacket;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.statistics.RefusalKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Takes messages into the clients' outboxes (docs/PROTOCOL.md §2, §6): encoded once, each client's copy with
 * its own seq, each online session woken to send it, or refused with the reason, for every recipient.
 */
final class MessageDispatch {

    private final ServerContext context;
    private final long outboxMaxTotalBytes;

    /** @param outboxMaxTotalBytes the bytes of messages that all outboxes together may hold */
    MessageDispatch(ServerContext context, long outboxMaxTotalBytes) {
        if (outboxMaxTotalBytes < context.config().maxPayloadBytes()) {
            throw new IllegalArgumentException("outboxMaxTotalBytes " + outboxMaxTotalBytes + " must be at least"
                    + " maxPayloadBytes (" + context.config().maxPayloadBytes() + ")"
                    + " (resource adapter config property outboxMaxTotalBytes)");
        }
        this.context = context;
        this.outboxMaxTotalBytes = outboxMaxTotalBytes;
    }

    /**
     * Accepts a message for each client of its audience (docs/PROTOCOL.md §2, §6): the message is
     * encoded once, each client's outbox keeps a reference to the same bytes with its own seq,
     * and each online session is woken to send it.
     */
    List<Delivery> send(PushMessage message) {
        return encoded(message, (encoded, now) -> {
            List<String> recipients = recipients(message.audience());
            List<Delivery> deliveries = new ArrayList<>(recipients.size());
            for (String clientId : recipients) {
                deliveries.add(accept(clientId, encoded, now));
            }
            return deliveries;
        });
    }

    /**
     * Takes back a message to one client id after a restart under the seq it had (see
     * {@link io.spdypush.api.PushConnection#sendAgain}), refused for the same reasons as {@link #send}.
     *
     * @throws IllegalArgumentException when the message is not to one client id
     */
    Delivery sendAgain(PushMessage message, long seq) {
        if (!(message.audience() instanceof Audience.Client one)) {
            throw new IllegalArgumentException("sendAgain takes a message to one client id, not to "
                    + message.audience() + " (hand back each client's copy on its own)");
        }
        if (seq <= 0) {
            return send(message).get(0);
        }
        return encoded(message, (encoded, now) -> List.of(acceptAgain(one.clientId(), encoded, seq, now))).get(0);
    }

    /** What becomes of a message once encoded, for each of its recipients. */
    @FunctionalInterface
    private interface Acceptance {
        List<Delivery> accept(EncodedMessage encoded, long nowMillis);
    }

    /**
     * Encodes the message once and lets {@code acceptance} hand it to the outboxes, unless no copy of it
     * can be accepted: then every recipient is told why.
     */
    private List<Delivery> encoded(PushMessage message, Acceptance acceptance) {
        byte[] meta = MessageMeta.of(message);
        Refusal refusal = refusal(message, meta.length);
        if (refusal != null) {
            return refuseAll(message, refusal);
        }
        MemoryPool pool = message.audience() instanceof Audience.Client ? context.pools().message() : context.pools().server();
        EncodedMessage encoded = EncodedMessage.encode(message, meta, pool);
        if (encoded == null) {
            return refuseAll(message, new Refusal(RefusalKind.MEMORY_POOL_FULL, pool.fullReason()));
        }
        try {
            Refusal overMemory = memoryRefusal();
            if (overMemory != null) {
                return refuseAll(message, overMemory);
            }
            return acceptance.accept(encoded, System.currentTimeMillis());
        } finally {
            encoded.body().release();
        }
    }

    private List<Delivery> refuseAll(PushMessage message, Refusal refusal) {
        return recipients(message.audience()).stream().map(clientId -> refuse(clientId, message.id(), refusal))
                .toList();
    }

    private Delivery accept(String clientId, EncodedMessage message, long now) {
        ClientState client = context.client(clientId);
        if (client == null) {
            return Delivery.notHome(clientId, message.messageId());
        }
        try {
            return accept(client, message, now);
        } finally {
            client.release();
        }
    }

    private Delivery accept(ClientState client, EncodedMessage message, long now) {
        return accepted(client, message, client.outbox().accept(message, now));
    }

    /**
     * Takes back a message handed back after a restart; when the client had processed it already, it is
     * not sent and counts as acknowledged, so that its sender hears of it as of any other.
     */
    private Delivery acceptAgain(String clientId, EncodedMessage message, long seq, long now) {
        ClientState client = context.client(clientId);
        if (client == null) {
            return Delivery.notHome(clientId, message.messageId());
        }
        try {
            Outbox.HandedBack handedBack = client.outbox().acceptAgain(message, seq, now);
            if (handedBack.processed()) {
                context.events().onAcknowledged(new Acknowledgement(clientId, seq, List.of(message.messageId())));
            }
            return accepted(client, message, handedBack.seq());
        } finally {
            client.release();
        }
    }

    /** Tells of what the outbox expired meanwhile, and wakes the session to send what it took. */
    private Delivery accepted(ClientState client, EncodedMessage message, OptionalLong seq) {
        List<String> expired = client.outbox().drainExpired();
        if (!expired.isEmpty()) {
            context.events().onExpired(new Expiration(client.clientId(), expired));
        }
        if (seq.isEmpty()) {
            return refuse(client.clientId(), message.messageId(), new Refusal(RefusalKind.OUTBOX_FULL,
                    client.outbox().fullReason()));
        }
        PushSession session = client.session();
        if (session != null) {
            session.wake();
        }
        return Delivery.accepted(client.clientId(), message.messageId(), seq.getAsLong());
    }

    /** Why a copy was refused: the kind the statistics count, and the reason the sender reads. */
    private record Refusal(RefusalKind kind, String reason) {
    }

    /** Why no copy of the message can be accepted, or null when it can. */
    private Refusal refusal(PushMessage message, int metaLength) {
        if (message.payloadLength() > context.config().maxPayloadBytes()) {
            return new Refusal(RefusalKind.PAYLOAD_TOO_LARGE, "payload of " + message.payloadLength()
                    + " bytes is over the limit of " + context.config().maxPayloadBytes() + " bytes (maxPayloadBytes)");
        }
        if (!PushPacket.fitsLimits(metaLength, message.payloadLength())) {
            return new Refusal(RefusalKind.META_TOO_LARGE, "meta of " + metaLength + " bytes is over the limit of "
                    + PushPacket.MAX_META_BYTES + " bytes");
        }
        if (message.isExpiredAt(Instant.now())) {
            return new Refusal(RefusalKind.ALREADY_EXPIRED, "the message expired before it was accepted");
        }
        if (context.isStopping()) {
            return new Refusal(RefusalKind.SHUTTING_DOWN, "the push server is shutting down");
        }
        return null;
    }

    /**
     * Why the message, encoded, cannot be accepted by any outbox, or null when it can: the memory pools
     * of encoded messages hold it and every message pending, and their sum is bounded. Checked after
     * encoding, so that concurrent senders see each other's messages and cannot together pass the bound.
     */
    private Refusal memoryRefusal() {
        long held = context.pools().message().liveBytes() + context.pools().server().liveBytes();
        if (held <= outboxMaxTotalBytes) {
            return null;
        }
        return new Refusal(RefusalKind.OUTBOX_MEMORY_FULL, "the outboxes of all clients would hold " + held
                + " bytes, over the limit of " + outboxMaxTotalBytes + " bytes (outboxMaxTotalBytes)");
    }

    private Delivery refuse(String clientId, String messageId, Refusal refusal) {
        context.statistics().countRefused(refusal.kind());
        return Delivery.refused(clientId, messageId, refusal.reason());
    }

    /** The client ids the message goes to, each once. */
    private List<String> recipients(Audience audience) {
        if (audience instanceof Audience.Client one) {
            return List.of(one.clientId());
        }
        if (audience instanceof Audience.Clients many) {
            return many.clientIds().stream().distinct().toList();
        }
        Collection<PushSession> sessions = audience instanceof Audience.Topic topic
                ? context.sessions().subscribers(topic.name()) : context.sessions().all();
        return sessions.stream().map(session -> session.client().clientId()).distinct().toList();
    }
}
