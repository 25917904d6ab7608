package io.spdypush.client.cli;

import io.spdypush.client.PushRefusedException;
import java.util.Map;

/**
 * The one line on stderr that says what went wrong: {@code push-client: } and the message, and for a refusal of
 * the push stream what its status means (docs/PROTOCOL.md §2), since the server sends no reason with it.
 */
final class ErrorLine {

    private static final Map<Integer, String> PUSH_REFUSALS = Map.of(
            400, "malformed headers or client id",
            401, "bad or missing token",
            409, "this session already has a push stream: a bug in push-client, please report it",
            503, "server full, shutting down, not able to take the client yet, or its sessions taken over 10 times"
                    + " this minute");

    private ErrorLine() {
    }

    /** The line for a failure; a refusal may come as it is or as the cause of the session's end. */
    static String of(Throwable failure) {
        PushRefusedException refusal = failure instanceof PushRefusedException refused ? refused
                : failure.getCause() instanceof PushRefusedException refused ? refused : null;
        String meaning = refusal == null ? null : PUSH_REFUSALS.get(refusal.status());
        return "push-client: " + failure.getMessage() + (meaning == null ? "" : " (" + meaning + ")");
    }
}
