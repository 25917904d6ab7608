package io.spdypush.protocol;

/** The rule for client ids (docs/PROTOCOL.md §2: 1–128 chars of {@code [A-Za-z0-9._:@-]}). */
public final class ClientIds {

    private static final int MAX_NAME_LENGTH = 128;

    private ClientIds() {
    }

    public static boolean isValid(String clientId) {
        return isPlainName(clientId, "._:@-");
    }

    /**
     * Whether {@code name} is 1-128 characters, each an ASCII letter or digit or one of
     * {@code punctuation}. A loop, not a regular expression: it runs for every message sent.
     */
    static boolean isPlainName(String name, String punctuation) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || punctuation.indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
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
