package io.spdypush.rar.spdy;

import io.spdypush.protocol.PushHeaders;
import io.spdypush.rar.token.TokenSigner;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Finds the session an acknowledgement or a business request belongs to when its connection carries no push
 * stream (docs/PROTOCOL.md §10: every HTTP/1.1 request, and an HTTP/2 connection a browser opened beside the push
 * stream's): the request names it in {@code push-session} and carries the push stream's token.
 */
final class SessionBinding {

    /** A request that names no session of its client: the status and the reason answered. */
    static final class Unbound extends Exception {
        private final int status;

        Unbound(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private SessionBinding() {
    }

    /**
     * @param headers the request's headers by lowercase name, null when absent
     * @throws Unbound 401 for no push-session or a bad token (counted as {@code stream-before-push-stream} or
     *                 {@code bad-token}), 409 for a session not online here or one of another client
     */
    static PushSession find(ServerContext context, UnaryOperator<String> headers) throws Unbound {
        String sessionId = headers.apply(PushHeaders.PUSH_SESSION);
        if (sessionId == null) {
            context.badInput().count(BadInputCounter.Kind.STREAM_BEFORE_PUSH_STREAM);
            throw new Unbound(401, "open the push stream first, then name its session in push-session");
        }
        PushSession session = context.sessions().find(sessionId.trim());
        if (session == null) {
            throw new Unbound(409, "push-session names no session online on this server");
        }
        TokenSigner.Verdict verdict = context.checkToken(PushHeaders.bearerToken(headers.apply(PushHeaders.AUTHORIZATION)),
                session.client().clientId());
        if (verdict == TokenSigner.Verdict.OTHER_CLIENT) {
            throw new Unbound(409, "push-session names a session of another client");
        }
        if (verdict != TokenSigner.Verdict.VALID) {
            context.badInput().count(BadInputCounter.Kind.BAD_TOKEN);
            throw new Unbound(401, "the authorization token is " + verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return session;
    }
}
