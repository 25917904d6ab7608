package io.spdypush.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A business request a client sent on a normal stream (docs/PROTOCOL.md §3.2), as the application sees it.
 *
 * @param clientId  the client id of the session it came on
 * @param sessionId the session's {@code push-session} id
 * @param method    the {@code :method}
 * @param path      the {@code :path}
 * @param headers   the request headers without the SPDY pseudo-headers ({@code :method} etc.), names lowercase
 * @param body      the body bytes, empty when there is none (copied in and out)
 */
public record BusinessRequest(String clientId, String sessionId, String method, String path,
                              Map<String, String> headers, byte[] body) {

    public BusinessRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A request header by its lowercase name, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "BusinessRequest[clientId=" + clientId + ", " + method + " " + path + ", body=" + body.length
                + " bytes]";
    }
}
