package io.spdypush.password;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password kept as a salted PBKDF2 hash, in the one text form that configuration holds:
 * {@code PBKDF2WithHmacSHA256.<iterations>.<salt>.<hash>}, salt and hash in unpadded base64url.
 * The server checks the admin password against it and {@code push-client.jar hash-password} makes
 * it, so both use this small module, kept out of push-api, which ships inside the resource adapter. Dots separate the parts because a colon is
 * the list separator of asadmin's system properties and a dollar sign needs quoting in a shell.
 */
public final class PasswordHash {

    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** The hash of {@code password} with a new random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    /** The hash of {@code password} with a new random salt; fewer iterations only where speed beats strength (tests). */
    public static PasswordHash of(char[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations " + iterations + " must be at least 1");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations, HASH_BITS));
    }

    /**
     * Reads the text form. The message of the exception says which part is wrong and never repeats
     * the salt or the hash.
     */
    public static PasswordHash parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            throw new IllegalArgumentException("a password hash must read " + ALGORITHM
                    + ".<iterations>.<salt>.<hash> (push-client.jar hash-password makes one)");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            iterations = 0;
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("the iterations of a password hash must be a positive number, got \""
                    + parts[1] + "\"");
        }
        byte[] salt = decode(parts[2], "salt");
        byte[] hash = decode(parts[3], "hash");
        if (hash.length < 16) {
            throw new IllegalArgumentException("the hash part of a password hash is " + hash.length
                    + " bytes long, at least 16 are needed");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** Whether {@code password} is the one hashed here; the comparison takes the same time wherever they differ. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations, hash.length * 8));
    }

    /** The text form, which {@link #parse} reads back. */
    public String encoded() {
        return ALGORITHM + '.' + iterations + '.' + ENCODER.encodeToString(salt) + '.' + ENCODER.encodeToString(hash);
    }

    /** Never the hash: a log line or a page that shows this object gives nothing away. */
    @Override
    public String toString() {
        return ALGORITHM + " password hash";
    }

    private static byte[] decode(String part, String name) {
        try {
            byte[] bytes = DECODER.decode(part);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " of a password hash must be unpadded base64url");
        }
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
