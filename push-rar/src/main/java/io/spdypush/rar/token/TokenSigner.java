package io.spdypush.rar.token;

import io.spdypush.protocol.Tokens;

import java.time.Duration;
import java.time.Instant;

/**
 * Mints and checks the HMAC-SHA256 tokens of docs/PROTOCOL.md §7 ({@link Tokens}), with the server's policy:
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

    private final Tokens tokens;
    private final Duration maxLifetime;

    /**
     * @param secret      at least {@link io.spdypush.protocol.TokenSecrets#MIN_BYTES} bytes
     * @param maxLifetime the longest a token may be valid from the moment it is checked or minted
     */
    public TokenSigner(String secret, Duration maxLifetime) {
        this.tokens = new Tokens(secret, SECRET_SETTING);
        if (maxLifetime == null || maxLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("maxTokenLifetimeSeconds " + (maxLifetime == null ? "(none)"
                    : maxLifetime.toSeconds()) + " must be a positive number of seconds"
                    + " (resource adapter config property maxTokenLifetimeSeconds)");
        }
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
        return tokens.mint(clientId, expiry.getEpochSecond());
    }

    /** Checks a token presented for {@code clientId} at {@code now}. */
    public Verdict verify(String token, String clientId, Instant now) {
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING;
        }
        Tokens.Signed signed;
        try {
            signed = tokens.read(token);
        } catch (Tokens.InvalidTokenException e) {
            return e.problem() == Tokens.Problem.MALFORMED ? Verdict.MALFORMED : Verdict.BAD_SIGNATURE;
        }
        if (signed.expiryEpochSeconds() <= now.getEpochSecond()) {
            return Verdict.EXPIRED;
        }
        if (isBeyondMaxLifetime(signed.expiryEpochSeconds(), now)) {
            return Verdict.BEYOND_MAX_LIFETIME;
        }
        return signed.clientId().equals(clientId) ? Verdict.VALID : Verdict.OTHER_CLIENT;
    }

    private boolean isBeyondMaxLifetime(long expiryEpochSeconds, Instant now) {
        return expiryEpochSeconds - now.getEpochSecond() > maxLifetime.toSeconds();
    }
}
