package io.spdypush.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 tokens of docs/PROTOCOL.md §7:
 * {@code base64url(clientId) "." expiry "." base64url(HMAC-SHA256(secret, clientId "." expiry))}, base64url
 * without padding, the key the UTF-8 bytes of the secret. One spelling of a token is accepted: the one
 * {@link #mint} writes. What a server makes of a well-signed token (its expiry, its client, a maximum lifetime)
 * is the server's policy, not this class's. Thread-safe.
 */
public final class Tokens {

    /** Why a token cannot be read. */
    public enum Problem {
        /** Not three parts, not canonical base64url, or an expiry that is not canonical decimal. */
        MALFORMED,
        /** Well formed, but not signed with this secret. */
        BAD_SIGNATURE
    }

    /** A token whose signature this secret made. */
    public record Signed(String clientId, long expiryEpochSeconds) {
    }

    /** A token that cannot be read, and why. */
    public static final class InvalidTokenException extends Exception {

        private final Problem problem;

        InvalidTokenException(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /**
     * @param secret  at least {@link TokenSecrets#MIN_BYTES} bytes of UTF-8
     * @param setting where the secret was given, named when it is refused
     */
    public Tokens(String secret, String setting) {
        TokenSecrets.requireStrong(secret, setting);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /**
     * The token for {@code clientId} valid until {@code expiryEpochSeconds}, signed with {@code secret}: what a
     * client holding the server's secret (a test, the command-line client) needs to authenticate.
     */
    public static String mint(String secret, String clientId, long expiryEpochSeconds) {
        return new Tokens(secret, "the server's tokenSecret").mint(clientId, expiryEpochSeconds);
    }

    /** The token for {@code clientId} valid until {@code expiryEpochSeconds}. */
    public String mint(String clientId, long expiryEpochSeconds) {
        ClientIds.requireValid(clientId);
        String expiry = Long.toString(expiryEpochSeconds);
        return ENCODER.encodeToString(clientId.getBytes(StandardCharsets.UTF_8)) + '.' + expiry + '.'
                + ENCODER.encodeToString(signature(clientId, expiry));
    }

    /**
     * Reads a token this secret signed, comparing the signature in constant time.
     *
     * @throws InvalidTokenException when it is malformed or signed with another secret
     */
    public Signed read(String token) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException(Problem.MALFORMED);
        }
        byte[] clientId;
        long expiry;
        byte[] presented;
        try {
            clientId = decodeCanonical(parts[0]);
            expiry = Long.parseLong(parts[1]);
            presented = decodeCanonical(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(Problem.MALFORMED);
        }
        if (!Long.toString(expiry).equals(parts[1])) {
            throw new InvalidTokenException(Problem.MALFORMED);
        }
        String signedClientId = new String(clientId, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(signature(signedClientId, parts[1]), presented)) {
            throw new InvalidTokenException(Problem.BAD_SIGNATURE);
        }
        return new Signed(signedClientId, expiry);
    }

    /**
     * Decodes unpadded base64url spelled the one way {@link #mint} spells it: Java's decoder ignores the unused
     * low bits of the last character and accepts '=' padding, so without this check several strings would be
     * the same token.
     */
    private static byte[] decodeCanonical(String base64url) {
        byte[] decoded = DECODER.decode(base64url);
        if (!ENCODER.encodeToString(decoded).equals(base64url)) {
            throw new IllegalArgumentException("not the canonical base64url of its bytes");
        }
        return decoded;
    }

    private byte[] signature(String clientId, String expiry) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal((clientId + '.' + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken JVM, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
