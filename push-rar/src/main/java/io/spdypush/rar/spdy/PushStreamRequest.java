package io.spdypush.rar.spdy;

import io.spdypush.protocol.TopicNames;
import io.spdypush.protocol.ClientIds;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The headers of a push stream request (docs/PROTOCOL.md §2), checked.
 *
 * @param clientId the {@code push-client} id
 * @param lastSeq  {@code push-last-seq}, or 0 when absent
 * @param topics   {@code push-topics}, empty when absent
 */
record PushStreamRequest(String clientId, long lastSeq, List<String> topics) {

    /** Enough for any real subscriber; the bound keeps one session from filling the topic index. */
    static final int MAX_TOPICS = 64;

    /** A push stream refused for malformed headers: the reason is for the log. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @param headers the request's headers by lowercase name, null when absent */
    static PushStreamRequest parse(UnaryOperator<String> headers) throws Malformed {
        String clientId = headers.apply(PushHeaders.PUSH_CLIENT);
        if (!ClientIds.isValid(clientId)) {
            throw new Malformed("push-client is missing or not 1-128 characters of [A-Za-z0-9._:@-]");
        }
        return new PushStreamRequest(clientId, lastSeq(headers.apply(PushHeaders.PUSH_LAST_SEQ)),
                topics(headers.apply(PushHeaders.PUSH_TOPICS)));
    }

    private static long lastSeq(String value) throws Malformed {
        if (value == null) {
            return 0;
        }
        try {
            return SeqValues.parse(PushHeaders.PUSH_LAST_SEQ, value);
        } catch (IllegalArgumentException e) {
            throw new Malformed(e.getMessage());
        }
    }

    private static List<String> topics(String value) throws Malformed {
        if (value == null) {
            return List.of();
        }
        List<String> topics = Arrays.stream(value.split(",")).map(String::trim).filter(topic -> !topic.isEmpty())
                .distinct().toList();
        for (String topic : topics) {
            if (!TopicNames.isValid(topic)) {
                throw new Malformed("push-topics names a topic that is not 1-128 characters of [A-Za-z0-9._:@/-]");
            }
        }
        if (topics.size() > MAX_TOPICS) {
            throw new Malformed("push-topics names more than " + MAX_TOPICS + " topics");
        }
        return topics;
    }
}
