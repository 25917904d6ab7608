package io.spdypush.rar.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints and checks the HMAC-SHA256 tokens of PROTOCOL.md §7:
 * {@code base64url(clientId) "." expiry "." base64url(HMAC-SHA256(secret, clientId "." expiry))}.
 * The secret never leaves this object.
 */
public final class TokenSigner {

    /** The outcome of checking a token; anything but {@code VALID} is a 401. */
    public enum Verdict {
        VALID, MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, OTHER_CLIENT
    }

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Also accepts padded input, as §7 asks. */
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public TokenSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the token secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    public String mint(String clientId, Instant expiry) {
        String expirySeconds = Long.toString(expiry.getEpochSecond());
        return ENCODER.encodeToString(clientId.getBytes(StandardCharsets.UTF_8)) + '.' + expirySeconds + '.'
                + ENCODER.encodeToString(signature(clientId, expirySeconds));
    }

    /** Checks a token presented for {@code clientId} at {@code now}. */
    public Verdict verify(String token, String clientId, Instant now) {
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Verdict.MALFORMED;
        }
        String tokenClientId;
        long expiry;
        byte[] presented;
        try {
            tokenClientId = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            expiry = Long.parseLong(parts[1]);
            presented = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!MessageDigest.isEqual(signature(tokenClientId, parts[1]), presented)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (expiry <= now.getEpochSecond()) {
            return Verdict.EXPIRED;
        }
        return tokenClientId.equals(clientId) ? Verdict.VALID : Verdict.OTHER_CLIENT;
    }

    private byte[] signature(String clientId, String expirySeconds) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal((clientId + '.' + expirySeconds).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
