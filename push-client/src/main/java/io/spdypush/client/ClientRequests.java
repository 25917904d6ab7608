package io.spdypush.client;

import io.spdypush.protocol.PushHeaders;
import io.spdypush.protocol.SeqValues;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * What a client asks the server, whatever the transport (docs/PROTOCOL.md §2, §3.1, §3.2, §10): the push stream and
 * acknowledgements are requests too, in HTTP's terms, and every request carries the same headers besides those that
 * only frame it (method, path and authority, which each transport spells its own way).
 */
final class ClientRequests {

    private ClientRequests() {
    }

    /**
     * The push stream's request (§2): no body, so the client sends nothing after it.
     *
     * @param lastSeq the highest seq processed, sent as {@code push-last-seq} unless empty
     */
    static Request push(ClientSettings settings, OptionalLong lastSeq) {
        Request request = Request.to(PushHeaders.PUSH_PATH).method(PushHeaders.PUSH_METHOD)
                .header(PushHeaders.PUSH_CLIENT, settings.clientId());
        if (settings.token() != null) {
            request = request.header(PushHeaders.AUTHORIZATION, PushHeaders.bearer(settings.token()));
        }
        if (lastSeq.isPresent()) {
            request = request.header(PushHeaders.PUSH_LAST_SEQ, SeqValues.format(lastSeq.getAsLong()));
        }
        if (!settings.topics().isEmpty()) {
            request = request.header(PushHeaders.PUSH_TOPICS, String.join(",", settings.topics()));
        }
        return request;
    }

    /** A cumulative acknowledgement (§3.1), without a body. */
    static Request ack(long seq) {
        return Request.to(PushHeaders.ACK_PATH).method(PushHeaders.ACK_METHOD)
                .header(PushHeaders.PUSH_ACK, SeqValues.format(seq));
    }

    /**
     * Hands over the headers of a request besides method, path and authority: its own, then its body's
     * {@code content-type} and {@code content-length}, then {@code push-have} (§3.2).
     *
     * @param have the paths the client already holds, sent as {@code push-have} unless there are none
     */
    static void forEachHeader(Request request, Collection<String> have, BiConsumer<String, String> header) {
        request.headers().forEach(header);
        if (request.hasBody()) {
            header.accept(PushHeaders.CONTENT_TYPE, request.contentType());
            header.accept(PushHeaders.CONTENT_LENGTH, Integer.toString(request.bodyLength()));
        }
        if (!have.isEmpty()) {
            header.accept(PushHeaders.PUSH_HAVE, String.join(", ", have));
        }
    }
}
