package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokensTest {

    /*
     * Computed outside Java, with the exact input bytes of PROTOCOL.md §7:
     *   printf '%s' device-4 | basenc --base64url                                       -> ZGV2aWNlLTQ=
     *   printf '%s' device-4.1700000000 | openssl dgst -sha256 -hmac s3cret -binary | basenc --base64url
     *                                                  -> BxBvfz_FDpHY_FjdbkyRyhN7RTSXmRZVxY3b8cS89A8=
     * and the trailing '=' dropped (base64url without padding).
     */
    @Test
    void mintsTheTokenOfTheIndependentVector() {
        assertThat(Tokens.mint("s3cret", "device-4", 1_700_000_000L),
                is("ZGV2aWNlLTQ.1700000000.BxBvfz_FDpHY_FjdbkyRyhN7RTSXmRZVxY3b8cS89A8"));
    }

    /*
     * A non-ASCII secret, to check that the key is its UTF-8 bytes (70 c3 a4 73 73 77 c3 b6 72 64), in a UTF-8 shell:
     *   printf '%s' user@example.com:7 | basenc --base64url                          -> dXNlckBleGFtcGxlLmNvbTo3
     *   printf '%s' user@example.com:7.4102444800 | openssl dgst -sha256 -hmac 'pässwörd' -binary | basenc --base64url
     *                                                  -> bu9ymqzN3uF8OFaY5seJ8qytTBhay-B8Z-Jl1Gp5V6E=
     */
    @Test
    void usesTheUtf8BytesOfTheSecretAsTheKey() {
        assertThat(Tokens.mint("p\u00e4ssw\u00f6rd", "user@example.com:7", 4_102_444_800L),
                is("dXNlckBleGFtcGxlLmNvbTo3.4102444800.bu9ymqzN3uF8OFaY5seJ8qytTBhay-B8Z-Jl1Gp5V6E"));
    }

    @Test
    void writesBase64urlWithoutPadding() {
        for (String clientId : new String[] {"a", "ab", "abc", "abcd"}) {
            assertThat(Tokens.mint("secret", clientId, 1), not(containsString("=")));
        }
    }

    @Test
    void refusesAnEmptySecret() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Tokens.mint("", "device-4", 1)).getMessage(),
                containsString("secret is empty"));
    }

    @Test
    void refusesAClientIdTheServerWouldReject() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Tokens.mint("s", "has space", 1)).getMessage(),
                containsString("client id 'has space' is invalid"));
    }
}
