package io.spdypush.rar.spdy;

import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import io.spdypush.protocol.PushHeaders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** The headers and pushed sub-resources of a business reply (docs/PROTOCOL.md §3.2), the same on every transport. */
final class ReplyHeaders {

    /** Headers the protocol sets itself, which a response's extra headers cannot replace. */
    private static final Set<String> RESERVED = Set.of(PushHeaders.CONTENT_TYPE, PushHeaders.CONTENT_LENGTH,
            PushHeaders.PUSH_SUBRESOURCES);

    private ReplyHeaders() {
    }

    /** Gives each header of the reply: the application's own, then content-type, content-length, push-subresources. */
    static void forEach(BusinessResponse response, BiConsumer<String, String> header) {
        for (Map.Entry<String, String> extra : response.headers().entrySet()) {
            if (!extra.getKey().startsWith(":") && !RESERVED.contains(extra.getKey())) {
                header.accept(extra.getKey(), extra.getValue());
            }
        }
        header.accept(PushHeaders.CONTENT_TYPE, response.contentType());
        header.accept(PushHeaders.CONTENT_LENGTH, Integer.toString(response.bodyLength()));
        if (!response.subresources().isEmpty()) {
            header.accept(PushHeaders.PUSH_SUBRESOURCES, response.subresources().stream().map(Subresource::path)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The {@code link} header value of a sub-resource only tagged (§10): {@code <path>; rel=preload}. */
    static String preload(Subresource subresource) {
        return "<" + subresource.path() + ">; rel=preload";
    }

    /**
     * The sub-resources to push: those with content, of at most {@code maxPushBytes}, not in the request's
     * {@code push-have}, the first {@code limit} of them; the others are only tagged.
     */
    static List<Subresource> pushed(BusinessResponse response, Set<String> have, int maxPushBytes, long limit) {
        return response.subresources().stream()
                .filter(subresource -> subresource.hasContent() && subresource.length() <= maxPushBytes
                        && !have.contains(subresource.path()))
                .limit(limit)
                .toList();
    }
}
