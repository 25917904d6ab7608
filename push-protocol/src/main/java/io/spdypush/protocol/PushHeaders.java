package io.spdypush.protocol;

/**
 * The paths, methods and header names of the protocol (docs/PROTOCOL.md §2 and §3), lowercase as they are on
 * the wire, and the bearer form of the {@code authorization} header.
 */
public final class PushHeaders {

    /** The path of the push stream (§2). */
    public static final String PUSH_PATH = "/push";
    /** The path of an acknowledgement (§3.1), with the method {@link #ACK_METHOD}. */
    public static final String ACK_PATH = "/ack";
    public static final String PUSH_METHOD = "GET";
    public static final String ACK_METHOD = "POST";

    /** The client id, on the push stream (§2). */
    public static final String PUSH_CLIENT = "push-client";
    /** {@code Bearer <token>} (§7). */
    public static final String AUTHORIZATION = "authorization";
    /** The highest seq the client has processed, on the push stream (§2). */
    public static final String PUSH_LAST_SEQ = "push-last-seq";
    /** Topics to subscribe the session to, comma-separated, on the push stream (§2). */
    public static final String PUSH_TOPICS = "push-topics";
    /** The session id, in the push stream's reply (§2). */
    public static final String PUSH_SESSION = "push-session";
    /** T1 in seconds, in the push stream's reply (§2, §5). */
    public static final String PUSH_HEARTBEAT = "push-heartbeat";
    /** The acknowledged seq, in an acknowledgement and its reply (§3.1). */
    public static final String PUSH_ACK = "push-ack";
    /** The sub-resource tags of a reply (§3.2). */
    public static final String PUSH_SUBRESOURCES = "push-subresources";
    /** The sub-resources a client already holds, in a request (§3.2). */
    public static final String PUSH_HAVE = "push-have";
    /** Seconds to wait before trying again, with a 503 (§2, §3.2, §4). */
    public static final String RETRY_AFTER = "retry-after";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CONTENT_LENGTH = "content-length";
    /** Over HTTP/2 and HTTP/1.1 (§10): a sub-resource only tagged, as {@code <path>; rel=preload}. */
    public static final String LINK = "link";
    /** Over HTTP/2 and HTTP/1.1 (§10): the content type of the push stream's body, the packet byte stream. */
    public static final String PACKETS_CONTENT_TYPE = "application/x-spdypush-packets";

    private static final String BEARER = "Bearer ";

    private PushHeaders() {
    }

    /** The value of {@link #AUTHORIZATION} that carries {@code token}. */
    public static String bearer(String token) {
        return BEARER + token;
    }

    /** The token of an {@link #AUTHORIZATION} value, its scheme matched in any case; null when it is no bearer. */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
