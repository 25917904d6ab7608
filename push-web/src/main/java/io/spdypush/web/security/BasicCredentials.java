package io.spdypush.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user name and password from an {@code Authorization: Basic ...} header (RFC 7617).
 *
 * @param user     the user name, before the first colon
 * @param password the password, everything after it
 */
record BasicCredentials(String user, String password) {

    private static final String SCHEME = "basic ";

    /** The credentials of the header, or empty when there is none or it is not Basic with base64 {@code user:password}. */
    static Optional<BasicCredentials> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
