package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One user who may log in: a name, the one role it gets, and its password hash. HTTP Basic sends
 * the password with every request, and PBKDF2 is slow on purpose (a fraction of a second at
 * 600 000 iterations), so a password once verified is remembered as a digest keyed with a secret
 * of this process, never as the password: the same password again costs one HMAC
 * ({@link #remembers}), any other password the full PBKDF2 ({@link #accepts}).
 */
public final class Account {

    private static final String MAC = "HmacSHA256";
    private static final byte[] PROCESS_KEY = randomKey();

    private final String name;
    private final String role;
    private final PasswordHash passwordHash;
    private volatile byte[] verifiedDigest;

    public Account(String name, String role, PasswordHash passwordHash) {
        this.name = name;
        this.role = role;
        this.passwordHash = passwordHash;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    /** Whether {@code password} is the one verified last, which costs one HMAC and no PBKDF2. */
    public boolean remembers(char[] password) {
        byte[] verified = verifiedDigest;
        return verified != null && MessageDigest.isEqual(verified, digest(password));
    }

    /** Whether {@code password} is this account's, checked against the hash (a full PBKDF2). */
    public boolean accepts(char[] password) {
        if (!passwordHash.matches(password)) {
            return false;
        }
        verifiedDigest = digest(password);
        return true;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] digest(char[] password) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(PROCESS_KEY, MAC));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every Java 17 runtime", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(utf8.array(), (byte) 0);
        }
    }
}
