package io.spdypush.protocol;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokensTest {

    private static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";

    /*
     * Computed outside Java, with the exact input bytes of docs/PROTOCOL.md §7:
     *   printf '%s' device-4 | basenc --base64url                                       -> ZGV2aWNlLTQ=
     *   printf '%s' device-4.1700000000 | openssl dgst -sha256 -hmac s3cret-s3cret-s3cret-s3cret-s3cret -binary \
     *     | basenc --base64url                         -> hk6M1YoB8ZmTPaIdOojNUAPOG-Ey6m0Ppqj_mu6tvzw=
     * and the trailing '=' dropped (base64url without padding).
     */
    @Test
    void mintsTheTokenOfTheIndependentVector() {
        assertThat(Tokens.mint(SECRET, "device-4", 1_700_000_000L),
                is("ZGV2aWNlLTQ.1700000000.hk6M1YoB8ZmTPaIdOojNUAPOG-Ey6m0Ppqj_mu6tvzw"));
    }

    /*
     * A non-ASCII secret, to check that the key is its UTF-8 bytes (pässwörd is 70 c3 a4 73 73 77 c3 b6 72 64),
     * in a UTF-8 shell:
     *   printf '%s' user@example.com:7 | basenc --base64url                          -> dXNlckBleGFtcGxlLmNvbTo3
     *   printf '%s' user@example.com:7.4102444800 \
     *     | openssl dgst -sha256 -hmac 'pässwörd-pässwörd-pässwörd-pässwörd' -binary | basenc --base64url
     *                                                  -> DatUiDLBwve1_1xRFNTO3yooeP33oBl5yt-iUOSe5po=
     */
    @Test
    void usesTheUtf8BytesOfTheSecretAsTheKey() {
        String word = "p\u00e4ssw\u00f6rd";
        assertThat(Tokens.mint(String.join("-", word, word, word, word), "user@example.com:7", 4_102_444_800L),
                is("dXNlckBleGFtcGxlLmNvbTo3.4102444800.DatUiDLBwve1_1xRFNTO3yooeP33oBl5yt-iUOSe5po"));
    }

    @Test
    void writesBase64urlWithoutPadding() {
        for (String clientId : new String[] {"a", "ab", "abc", "abcd"}) {
            assertThat(Tokens.mint(SECRET, clientId, 1), not(containsString("=")));
        }
    }

    @Test
    void refusesASecretShorterThanTheServerAccepts() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Tokens.mint("s3cret", "device-4", 1))
                .getMessage(), containsString("the token secret (the server's tokenSecret) is 6 bytes long"));
    }

    @Test
    void refusesAClientIdTheServerWouldReject() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Tokens.mint(SECRET, "has space", 1)).getMessage(),
                containsString("client id \"has space\" is invalid"));
    }
}
