package io.spdypush.rar.spdy;

import io.spdypush.api.Acknowledgement;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import io.spdypush.rar.outbox.Outbox;

/** Takes a client's acknowledgement (docs/PROTOCOL.md §3.1), whatever the transport it came on. */
final class Acknowledging {

    /** An acknowledgement refused with 400: its reason is the answer's body. */
    static final class BadAck extends Exception {
        BadAck(String reason) {
            super(reason, null, false, false);
        }
    }

    private Acknowledging() {
    }

    /**
     * Acknowledges up to {@code pushAck} in the session's outbox and tells the application.
     *
     * @return the seq now acknowledged, for the answer's {@code push-ack}
     * @throws BadAck (counted as {@code bad-ack}) for a missing or malformed seq, or one never sent
     */
    static long acknowledge(ServerContext context, PushSession session, String pushAck) throws BadAck {
        try {
            long seq = SeqValues.parse(PushHeaders.PUSH_ACK, pushAck);
            Outbox.Acknowledged acknowledged = session.client().outbox().acknowledge(seq);
            // Heard before the reply leaves: a client that has its answer may rely on the event being queued.
            if (!acknowledged.messageIds().isEmpty()) {
                context.events().onAcknowledged(new Acknowledgement(session.client().clientId(), acknowledged.seq(),
                        acknowledged.messageIds()));
            }
            return acknowledged.seq();
        } catch (IllegalArgumentException e) {
            context.badInput().count(BadInputCounter.Kind.BAD_ACK);
            throw new BadAck(e.getMessage());
        }
    }
}
