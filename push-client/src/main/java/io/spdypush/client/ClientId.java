package io.spdypush.client;

import java.util.regex.Pattern;

/** The rule for a client id (PROTOCOL.md §2, header {@code push-client}), checked before anything goes on the wire. */
final class ClientId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private ClientId() {
    }

    static String requireValid(String clientId) {
        if (clientId == null || !VALID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("client id " + (clientId == null ? "null" : "'" + clientId + "'")
                    + " is invalid: use 1-128 characters of A-Z a-z 0-9 . _ : @ -");
        }
        return clientId;
    }
}
