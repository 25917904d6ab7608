package io.spdypush.client;

import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The frames a client sends to open its streams, and the headers it reads from the server's:
 * docs/PROTOCOL.md §2, §3.1 and §3.2.
 */
final class ClientFrames {

    static final String STATUS = ":status";
    static final String PATH = ":path";
    static final int STATUS_OK = 200;
    /** What {@link #status} returns for a reply without a readable {@code :status}. */
    static final int NO_STATUS = -1;

    private ClientFrames() {
    }

    /**
     * The push stream's SYN_STREAM, FLAG_FIN set: the client sends nothing else on it (§2).
     *
     * @param lastSeq the highest seq processed, sent as {@code push-last-seq} unless empty
     */
    static SpdySynStreamFrame pushRequest(int streamId, ClientSettings settings, OptionalLong lastSeq) {
        SpdySynStreamFrame frame = request(streamId, PushHeaders.PUSH_METHOD, PushHeaders.PUSH_PATH, settings);
        frame.headers().set(PushHeaders.PUSH_CLIENT, settings.clientId());
        if (settings.token() != null) {
            frame.headers().set(PushHeaders.AUTHORIZATION, PushHeaders.bearer(settings.token()));
        }
        lastSeq.ifPresent(seq -> frame.headers().set(PushHeaders.PUSH_LAST_SEQ, SeqValues.format(seq)));
        if (!settings.topics().isEmpty()) {
            frame.headers().set(PushHeaders.PUSH_TOPICS, String.join(",", settings.topics()));
        }
        return frame;
    }

    /** A cumulative acknowledgement on a new normal stream, FLAG_FIN set: it has no body (§3.1). */
    static SpdySynStreamFrame ackRequest(int streamId, long seq, ClientSettings settings) {
        SpdySynStreamFrame frame = request(streamId, PushHeaders.ACK_METHOD, PushHeaders.ACK_PATH, settings);
        frame.headers().set(PushHeaders.PUSH_ACK, SeqValues.format(seq));
        return frame;
    }

    /**
     * A business request's SYN_STREAM (§3.2), FLAG_FIN set when it has no body; otherwise DATA frames follow.
     *
     * @param have the paths the client already holds, sent as {@code push-have} unless there are none
     */
    static SpdySynStreamFrame businessRequest(int streamId, Request request, Collection<String> have,
                                              ClientSettings settings) {
        SpdySynStreamFrame frame = request(streamId, request.method(), request.path(), settings);
        frame.setLast(!request.hasBody());
        request.headers().forEach(frame.headers()::set);
        if (request.hasBody()) {
            frame.headers()
                    .set("content-type", request.contentType())
                    .set("content-length", Integer.toString(request.bodyLength()));
        }
        if (!have.isEmpty()) {
            frame.headers().set(PushHeaders.PUSH_HAVE, String.join(", ", have));
        }
        return frame;
    }

    /**
     * A frame's headers by name, without the SPDY pseudo-headers ({@code :status}, {@code :path}, ...), whose
     * meaning the caller reads itself; the values of a repeated header are joined with ", " as in HTTP.
     */
    static Map<String, String> headers(SpdyHeadersFrame frame) {
        SpdyHeaders headers = frame.headers();
        Map<String, String> byName = new LinkedHashMap<>();
        for (CharSequence name : headers.names()) {
            String key = name.toString();
            if (!key.startsWith(":")) {
                byName.put(key, String.join(", ", headers.getAllAsString(name)));
            }
        }
        return byName;
    }

    /** The reply's {@code :status} code ("200" or "200 OK"), or {@link #NO_STATUS}. */
    static int status(SpdyHeadersFrame reply) {
        String value = reply.headers().getAsString(STATUS);
        if (value == null) {
            return NO_STATUS;
        }
        int space = value.indexOf(' ');
        try {
            return Integer.parseInt(space < 0 ? value : value.substring(0, space));
        } catch (NumberFormatException e) {
            return NO_STATUS;
        }
    }

    /** A header holding a non-negative decimal integer, or empty when it is absent or not one. */
    static OptionalLong longHeader(SpdyHeadersFrame reply, String name) {
        String value = reply.headers().getAsString(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? OptionalLong.empty() : OptionalLong.of(parsed);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static SpdySynStreamFrame request(int streamId, String method, String path, ClientSettings settings) {
        SpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        frame.setLast(true);
        frame.headers()
                .set(":method", method)
                .set(":path", path)
                .set(":version", "HTTP/1.1")
                .set(":host", settings.authority())
                .set(":scheme", settings.scheme());
        return frame;
    }
}
