package io.spdypush.api;

import java.util.Map;

/**
 * What became of the adapter's message copies since it started, one copy per recipient.
 *
 * @param accepted     copies put in an outbox (a message handed in again while pending counts once)
 * @param refused      copies refused, by reason kind (e.g. {@code outbox-full}, {@code payload-too-large})
 * @param sent         push packets written to the wire, redeliveries included
 * @param acknowledged copies acknowledged by their client, by an ack or by a resume's {@code push-last-seq}
 * @param expired      copies dropped from an outbox because their time to live ran out before they were sent
 * @param collapsed    copies replaced, before they were sent, by a later message with the same collapse key
 */
public record MessageCounts(long accepted, Map<String, Long> refused, long sent, long acknowledged, long expired,
                            long collapsed) {

    public MessageCounts {
        refused = Map.copyOf(refused);
    }
}
