package io.spdypush.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The rule for the secret that signs tokens (docs/PROTOCOL.md §7), kept here so that the adapter, which
 * checks tokens, and the client SDK, which can mint them, refuse the same secrets.
 */
public final class TokenSecrets {

    /**
     * The fewest bytes of a secret: HMAC-SHA256's own output size, below which a secret is easier
     * to guess than the signature it makes.
     */
    public static final int MIN_BYTES = 32;

    private TokenSecrets() {
    }

    /**
     * Returns the secret, or throws when its UTF-8 bytes, the HMAC key, are fewer than {@link #MIN_BYTES}.
     *
     * @param setting where the secret was given, for the message: the setting to fix
     */
    public static String requireStrong(String secret, String setting) {
        int bytes = secret == null ? 0 : secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("the token secret (" + setting + ") is " + bytes
                    + " bytes long; it must be at least " + MIN_BYTES + " bytes: make one with"
                    + " `openssl rand -base64 32`");
        }
        return secret;
    }
}
