package io.spdypush.client;

import io.spdypush.api.TokenSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the default HMAC-SHA256 tokens of PROTOCOL.md §7, so that a client holding the shared secret
 * (a test, the command-line client) can authenticate without asking a server for a token.
 */
public final class Tokens {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /**
     * Returns {@code base64url(clientId) "." expiry "." base64url(HMAC-SHA256(secret, clientId "." expiry))},
     * base64url without padding; the key is the UTF-8 bytes of the secret, at least
     * {@link TokenSecrets#MIN_BYTES} of them, as the server requires.
     *
     * @param expiryEpochSeconds the moment the token stops being valid, in seconds since the epoch
     */
    public static String mint(String secret, String clientId, long expiryEpochSeconds) {
        TokenSecrets.requireStrong(secret, "the server's tokenSecret");
        ClientId.requireValid(clientId);
        String signed = clientId + "." + expiryEpochSeconds;
        return BASE64URL.encodeToString(clientId.getBytes(StandardCharsets.UTF_8))
                + "." + expiryEpochSeconds
                + "." + BASE64URL.encodeToString(hmacSha256(secret, signed));
    }

    private static byte[] hmacSha256(String secret, String input) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken JVM, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
