package io.spdypush.rar.token;

import io.spdypush.api.TokenSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints and checks the HMAC-SHA256 tokens of PROTOCOL.md §7:
 * {@code base64url(clientId) "." expiry "." base64url(HMAC-SHA256(secret, clientId "." expiry))}.
 * The secret never leaves this object. A token valid for longer than the maximum lifetime is
 * neither minted nor accepted, so that a leaked token, or a secret's holder minting for ever,
 * is good for a bounded time.
 */
public final class TokenSigner {

    /** The outcome of checking a token; anything but {@code VALID} is a 401. */
    public enum Verdict {
        VALID, MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, BEYOND_MAX_LIFETIME, OTHER_CLIENT
    }

    /** Where the adapter's secret is set, for the error that refuses it. */
    public static final String SECRET_SETTING =
            "resource adapter config property tokenSecret, or system property spdypush.tokenSecret";

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration maxLifetime;

    /**
     * @param secret      at least {@link TokenSecrets#MIN_BYTES} bytes
     * @param maxLifetime the longest a token may be valid from the moment it is checked or minted
     */
    public TokenSigner(String secret, Duration maxLifetime) {
        TokenSecrets.requireStrong(secret, SECRET_SETTING);
        if (maxLifetime == null || maxLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("maxTokenLifetimeSeconds " + (maxLifetime == null ? "(none)"
                    : maxLifetime.toSeconds()) + " must be a positive number of seconds"
                    + " (resource adapter config property maxTokenLifetimeSeconds)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.maxLifetime = maxLifetime;
    }

    /**
     * A token for {@code clientId}, minted at {@code now}, valid until {@code expiry}.
     *
     * @throws IllegalArgumentException when {@code expiry} is further from now than the maximum lifetime
     */
    public String mint(String clientId, Instant expiry, Instant now) {
        if (isBeyondMaxLifetime(expiry.getEpochSecond(), now)) {
            throw new IllegalArgumentException("a token valid for " + Duration.between(now, expiry).toSeconds()
                    + " seconds is over the limit of " + maxLifetime.toSeconds() + " seconds: ask for a shorter"
                    + " validity (ttl) or raise the resource adapter config property maxTokenLifetimeSeconds");
        }
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
        byte[] tokenClientId;
        long expiry;
        byte[] presented;
        try {
            tokenClientId = decodeCanonical(parts[0]);
            expiry = Long.parseLong(parts[1]);
            presented = decodeCanonical(parts[2]);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!Long.toString(expiry).equals(parts[1])) {
            return Verdict.MALFORMED;
        }
        String signedClientId = new String(tokenClientId, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(signature(signedClientId, parts[1]), presented)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (expiry <= now.getEpochSecond()) {
            return Verdict.EXPIRED;
        }
        if (isBeyondMaxLifetime(expiry, now)) {
            return Verdict.BEYOND_MAX_LIFETIME;
        }
        return signedClientId.equals(clientId) ? Verdict.VALID : Verdict.OTHER_CLIENT;
    }

    private boolean isBeyondMaxLifetime(long expiryEpochSeconds, Instant now) {
        return expiryEpochSeconds - now.getEpochSecond() > maxLifetime.toSeconds();
    }

    /**
     * Decodes unpadded base64url that is spelled the one way the minting side spells it: Java's decoder
     * ignores the unused low bits of the last character and accepts '=' padding, so without this
     * check several strings would be the same token.
     */
    private static byte[] decodeCanonical(String base64url) {
        byte[] decoded = DECODER.decode(base64url);
        if (!ENCODER.encodeToString(decoded).equals(base64url)) {
            throw new IllegalArgumentException("not the canonical base64url of its bytes");
        }
        return decoded;
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
