package io.spdypush.api;

import java.util.regex.Pattern;

/** The rule for client ids (PROTOCOL.md §2: 1–128 chars of {@code [A-Za-z0-9._:@-]}). */
public final class ClientIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private ClientIds() {
    }

    public static boolean isValid(String clientId) {
        return clientId != null && VALID.matcher(clientId).matches();
    }

    /** Returns the id, or throws naming the rule it breaks. */
    public static String requireValid(String clientId) {
        if (!isValid(clientId)) {
            throw new IllegalArgumentException("client id " + quoted(clientId)
                    + " is invalid: it must be 1-128 characters of A-Z a-z 0-9 . _ : @ -");
        }
        return clientId;
    }

    private static String quoted(String clientId) {
        if (clientId == null) {
            return "null";
        }
        String shown = clientId.length() > 40 ? clientId.substring(0, 40) + "..." : clientId;
        return '"' + shown + '"';
    }
}
