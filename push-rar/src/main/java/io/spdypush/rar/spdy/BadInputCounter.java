package io.spdypush.rar.spdy;

import io.spdypush.rar.statistics.KindLabels;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts bad input by kind (docs/PROTOCOL.md §4: bad input "is counted"), for the status and metrics. */
final class BadInputCounter {

    enum Kind {
        /** A connection from an address that had maxConnectionsPerAddress open (closed at once). */
        CONNECTION_REFUSED,
        /** A connection that opened no push stream in time. */
        NO_PUSH_STREAM,
        /** A push stream with malformed headers (400). */
        MALFORMED_PUSH_STREAM,
        /** A push stream without a valid token (401). */
        BAD_TOKEN,
        /** A normal stream opened before the push stream (401). */
        STREAM_BEFORE_PUSH_STREAM,
        /** An acknowledgement that is not a number or above the highest seq sent (400). */
        BAD_ACK,
        /** A header block over maxHeaderBytes (RST_STREAM FRAME_TOO_LARGE). */
        HEADER_BLOCK_TOO_LARGE,
        /** A session-level error: GOAWAY PROTOCOL_ERROR and the connection closed. */
        PROTOCOL_ERROR,
        /** A push stream refused because maxSessions sessions are online (503). */
        SERVER_FULL,
        /** A push stream refused because its client's sessions were taken over too often lately (503). */
        TAKEOVER_THROTTLED,
        /** A client stream over MAX_CONCURRENT_STREAMS or maxFramesPerSecond (RST_STREAM REFUSED_STREAM). */
        STREAM_REFUSED,
        /** A session sending PINGs faster than maxFramesPerSecond (GOAWAY PROTOCOL_ERROR). */
        PING_FLOOD,
        /** A session sending frames of any kind faster than twice maxFramesPerSecond (GOAWAY PROTOCOL_ERROR). */
        FRAME_FLOOD,
        /** A connection that read nothing the server wrote for writeTimeoutSeconds (closed). */
        WRITE_STALLED,
        /** A HEADERS frame, which no stream of the protocol takes (RST_STREAM PROTOCOL_ERROR). */
        HEADERS_REFUSED,
        /** A business request without :method or with a :path not starting with / (400). */
        MALFORMED_REQUEST,
        /** A business request body over maxRequestBytes (413). */
        REQUEST_TOO_LARGE,
        /** A business request body that stopped coming for requestTimeoutSeconds (408). */
        REQUEST_TIMEOUT,
        /** A body that would take a session's request bodies over twice maxRequestBytes (503). */
        REQUEST_BODIES_OVER_LIMIT
    }

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);

    BadInputCounter() {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    void count(Kind kind) {
        counts.get(kind).increment();
    }

    /** Every kind with its count, named in lowercase with dashes, e.g. {@code bad-token}. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(KindLabels.of(kind), count.sum()));
        return snapshot;
    }
}
