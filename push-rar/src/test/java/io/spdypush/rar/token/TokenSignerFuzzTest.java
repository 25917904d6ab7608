package io.spdypush.rar.token;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spdypush.fuzzing.FuzzReport;
import io.spdypush.protocol.ClientIds;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Token checking on anything a client can put in its authorization header, and on real tokens
 * with a byte changed, cut or added: {@link TokenSigner#verify} never throws, and says VALID only
 * for a token whose signature is the HMAC of its own claims (computed here, apart from the signer),
 * for the client that presents it, before its expiry.
 */
@ExtendWith(FuzzReport.class)
class TokenSignerFuzzTest {

    private static final String SECRET = "fuzz-secret-of-at-least-32-bytes";
    private static final TokenSigner SIGNER = new TokenSigner(SECRET, Duration.ofDays(30));
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @FuzzTest
    void onlyARealTokenOfTheClientBeforeItsExpiryIsValid(FuzzedDataProvider data) {
        FuzzReport.execution();
        String clientId = data.consumeBoolean() ? "device-1" : data.consumeString(64);
        String token = data.consumeBoolean() ? edited(data, clientId) : data.consumeRemainingAsString();
        Instant now = NOW.plusSeconds(data.consumeInt(-1_000_000, 1_000_000));

        TokenSigner.Verdict verdict = SIGNER.verify(token, clientId, now);

        assertThat(verdict, is(notNullValue()));
        if (verdict == TokenSigner.Verdict.VALID) {
            String[] parts = token.split("\\.", -1);
            String claimedClient = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            assertThat("the client named in a valid token", claimedClient, is(clientId));
            assertThat("a valid token's expiry", Long.parseLong(parts[1]), greaterThan(now.getEpochSecond()));
            assertThat("a valid token's signature is the HMAC of its claims", Arrays.equals(
                    Base64.getUrlDecoder().decode(parts[2]), hmac(claimedClient + '.' + parts[1])), is(true));
        }
    }

    /**
     * A real token for the client (for device-1 when the client id is one no token is minted for), then changed
     * where the input says: a character replaced, removed or added.
     */
    private static String edited(FuzzedDataProvider data, String clientId) {
        String minted = SIGNER.mint(ClientIds.isValid(clientId) ? clientId : "device-1",
                NOW.plusSeconds(data.consumeInt(-60, 3600)), NOW);
        StringBuilder token = new StringBuilder(minted);
        for (int edits = data.consumeInt(0, 3); edits > 0; edits--) {
            int at = data.consumeInt(0, token.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> token.setCharAt(at, data.consumeChar());
                case 1 -> token.deleteCharAt(at);
                default -> token.insert(at, data.consumeChar());
            }
            if (token.isEmpty()) {
                break;
            }
        }
        return token.toString();
    }

    private static byte[] hmac(String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
