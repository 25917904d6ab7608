package io.spdypush.bench.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a kill loop found.
 *
 * @param lost                 accepted messages that never arrived, as {@code clientId/messageId}: must be none
 * @param duplicates           receipts beyond the first of a message, which at-least-once allows
 * @param receivedUnconfirmed  messages that arrived though their send got no answer (the crash cut it off)
 * @param notAccepted          sends the server did not accept, by reason: refused, not lost
 */
public record KillLoopResult(int kills, long accepted, long delivered, List<String> lost, long duplicates,
                             long receivedUnconfirmed, Map<String, Long> notAccepted, Duration duration) {

    String summary() {
        return String.format("%d kills survived: %d messages accepted, %d delivered, %d lost, %d duplicates,"
                        + " %d received without an answer to the send; not accepted %s; %d s",
                kills, accepted, delivered, lost.size(), duplicates, receivedUnconfirmed, notAccepted,
                duration.toSeconds());
    }
}
