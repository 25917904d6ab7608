package io.spdypush.protocol;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenSecretsTest {

    @Test
    void acceptsASecretOf32Bytes() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThat(TokenSecrets.requireStrong(secret, "tokenSecret"), is(secret));
    }

    @Test
    void countsTheUtf8BytesOfTheSecret() {
        String sixteenTwoByteCharacters = "\u00e4".repeat(16);
        assertThat(TokenSecrets.requireStrong(sixteenTwoByteCharacters, "tokenSecret"), is(sixteenTwoByteCharacters));
    }

    @Test
    void refusesAShorterSecretNamingTheSettingAndHowToMakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenSecrets.requireStrong("0123456789abcdef0123456789abcde", "the tokenSecret"));
        assertThat(e.getMessage(), allOf(containsString("(the tokenSecret) is 31 bytes long"),
                containsString("at least 32 bytes"), containsString("openssl rand -base64 32")));
    }

    @Test
    void refusesAnEmptyOrMissingSecret() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> TokenSecrets.requireStrong("", "s"))
                .getMessage(), containsString("is 0 bytes long"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> TokenSecrets.requireStrong(null, "s"))
                .getMessage(), containsString("is 0 bytes long"));
    }
}
