package io.spdypush.rar.token;

import io.spdypush.client.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.spdypush.rar.token.TokenSigner.Verdict.BAD_SIGNATURE;
import static io.spdypush.rar.token.TokenSigner.Verdict.EXPIRED;
import static io.spdypush.rar.token.TokenSigner.Verdict.MALFORMED;
import static io.spdypush.rar.token.TokenSigner.Verdict.MISSING;
import static io.spdypush.rar.token.TokenSigner.Verdict.OTHER_CLIENT;
import static io.spdypush.rar.token.TokenSigner.Verdict.VALID;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TokenSignerTest {

    /**
     * Computed outside Java:
     * <pre>
     * printf '%s' device-42 | basenc --base64url            # ZGV2aWNlLTQy
     * printf '%s' device-42.1893456000 | openssl dgst -sha256 -hmac s3cret -binary | basenc --base64url
     * </pre>
     * with the '=' padding removed.
     */
    private static final String INDEPENDENT_TOKEN =
            "ZGV2aWNlLTQy.1893456000.RF3JLRXN0xzsU5pJzUZH6CajbSjjh1c9H0oc0nrH2bk";
    private static final Instant EXPIRY = Instant.ofEpochSecond(1893456000L);
    private static final Instant BEFORE_EXPIRY = EXPIRY.minusSeconds(1);

    private final TokenSigner signer = new TokenSigner("s3cret");

    @Test
    void mintsExactlyTheTokenOfProtocolSection7() {
        assertThat(signer.mint("device-42", EXPIRY), is(INDEPENDENT_TOKEN));
    }

    @Test
    void acceptsAnIndependentlyMintedTokenForItsClientBeforeExpiry() {
        assertThat(signer.verify(INDEPENDENT_TOKEN, "device-42", BEFORE_EXPIRY), is(VALID));
    }

    @Test
    void acceptsTheClientSdksTokens() {
        String token = Tokens.mint("s3cret", "user@example.com", EXPIRY.getEpochSecond());
        assertThat(signer.verify(token, "user@example.com", BEFORE_EXPIRY), is(VALID));
    }

    @Test
    void acceptsPaddedBase64url() {
        String padded = "ZGV2aWNlLTQy.1893456000.RF3JLRXN0xzsU5pJzUZH6CajbSjjh1c9H0oc0nrH2bk=";
        assertThat(signer.verify(padded, "device-42", BEFORE_EXPIRY), is(VALID));
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
        assertThat(new TokenSigner("other").verify(INDEPENDENT_TOKEN, "device-42", BEFORE_EXPIRY),
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
