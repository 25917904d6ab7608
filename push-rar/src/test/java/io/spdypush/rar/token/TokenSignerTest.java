package io.spdypush.rar.token;

import io.spdypush.protocol.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.spdypush.rar.token.TokenSigner.Verdict.BAD_SIGNATURE;
import static io.spdypush.rar.token.TokenSigner.Verdict.BEYOND_MAX_LIFETIME;
import static io.spdypush.rar.token.TokenSigner.Verdict.EXPIRED;
import static io.spdypush.rar.token.TokenSigner.Verdict.MALFORMED;
import static io.spdypush.rar.token.TokenSigner.Verdict.MISSING;
import static io.spdypush.rar.token.TokenSigner.Verdict.OTHER_CLIENT;
import static io.spdypush.rar.token.TokenSigner.Verdict.VALID;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenSignerTest {

    /**
     * Computed outside Java:
     * <pre>
     * printf '%s' device-42 | basenc --base64url            # ZGV2aWNlLTQy
     * printf '%s' device-42.1893456000 | openssl dgst -sha256 -hmac s3cret-s3cret-s3cret-s3cret-s3cret -binary \
     *   | basenc --base64url
     * </pre>
     * with the '=' padding removed.
     */
    private static final String INDEPENDENT_TOKEN =
            "ZGV2aWNlLTQy.1893456000.Gc3L9KuNCQfOe-Sx8oBlmqGalglwji8R-2PnIF_UN7g";
    private static final Instant EXPIRY = Instant.ofEpochSecond(1893456000L);
    private static final Instant BEFORE_EXPIRY = EXPIRY.minusSeconds(1);
    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";
    private static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private final TokenSigner signer = new TokenSigner(SECRET, MAX_LIFETIME);

    @Test
    void mintsExactlyTheTokenOfProtocolSection7() {
        assertThat(signer.mint("device-42", EXPIRY, BEFORE_EXPIRY), is(INDEPENDENT_TOKEN));
    }

    @Test
    void acceptsAnIndependentlyMintedTokenForItsClientBeforeExpiry() {
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-42", BEFORE_EXPIRY), is(VALID));
    }

    @Test
    void acceptsTheClientSdksTokens() {
        String token = Tokens.mint(SECRET, "user@example.com", EXPIRY.getEpochSecond());
        assertThat(signer.verify(token, "user@example.com", BEFORE_EXPIRY), is(VALID));
    }

    @Test
    void refusesASecretShorterThan32BytesNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenSigner("s3cret", MAX_LIFETIME));
        assertThat(e.getMessage(), containsString("tokenSecret"));
    }

    @Test
    void acceptsOnlyTheCanonicalSpellingOfAToken() {
        // The signature's last character, 'g' (100000), carries the hash's last 4 bits and 2 unused ones,
        // which Java's decoder ignores: 'h' (100001) decodes to the same bytes.
        String unusedBitsSet = INDEPENDENT_TOKEN.substring(0, INDEPENDENT_TOKEN.length() - 1) + "h";
        assertThat(signer.verify(INDEPENDENT_TOKEN + "=", "device-42", BEFORE_EXPIRY), is(MALFORMED));
        assertThat(signer.verify(unusedBitsSet, "device-42", BEFORE_EXPIRY), is(MALFORMED));
        assertThat(signer.verify(INDEPENDENT_TOKEN.replace(".1893456000.", ".01893456000."), "device-42",
                BEFORE_EXPIRY), is(MALFORMED));
        assertThat(signer.verify(INDEPENDENT_TOKEN.replace(".1893456000.", ".+1893456000."), "device-42",
                BEFORE_EXPIRY), is(MALFORMED));
    }

    @Test
    void refusesATokenValidForLongerThanTheMaximumLifetime() {
        Instant now = EXPIRY.minus(MAX_LIFETIME);
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-42", now), is(VALID));
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-42", now.minusSeconds(1)), is(BEYOND_MAX_LIFETIME));
    }

    @Test
    void refusesToMintATokenValidForLongerThanTheMaximumLifetime() {
        Instant now = EXPIRY.minus(MAX_LIFETIME).minusSeconds(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> signer.mint("device-42", EXPIRY, now));
        assertThat(e.getMessage(), is("a token valid for 2592001 seconds is over the limit of 2592000 seconds:"
                + " ask for a shorter validity (ttl) or raise the resource adapter config property"
                + " maxTokenLifetimeSeconds"));
    }

    @Test
    void refusesAnExpiredToken() {
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-42", EXPIRY), is(EXPIRED));
    }

    @Test
    void refusesATokenOfAnotherClient() {
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-43", BEFORE_EXPIRY), is(OTHER_CLIENT));
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        TokenSigner other = new TokenSigner("other-s3cret-other-s3cret-other-s3cret", MAX_LIFETIME);
        assertThat(other.verify(INDEPENDENT_TOKEN, "device-42", BEFORE_EXPIRY),
                is(BAD_SIGNATURE));
    }

    @Test
    void refusesATokenWhoseExpiryWasChanged() {
        String extended = INDEPENDENT_TOKEN.replace(".1893456000.", ".1993456000.");
        assertThat(signer.verify(extended, "device-42", BEFORE_EXPIRY), is(BAD_SIGNATURE));
    }

    @Test
    void refusesMissingAndMalformedTokens() {
        assertThat(signer.verify(null, "device-42", BEFORE_EXPIRY), is(MISSING));
        assertThat(signer.verify("", "device-42", BEFORE_EXPIRY), is(MISSING));
        assertThat(signer.verify("a.b", "device-42", BEFORE_EXPIRY), is(MALFORMED));
        assertThat(signer.verify("ZGV2aWNlLTQy.soon.RF3J", "device-42", BEFORE_EXPIRY), is(MALFORMED));
        assertThat(signer.verify("!!.1893456000.RF3J", "device-42", BEFORE_EXPIRY), is(MALFORMED));
    }
}
