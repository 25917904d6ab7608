package io.spdypush.password;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordHashTest {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The published PBKDF2-HMAC-SHA256 test vector: "password", salt "salt", 2 iterations, 32 bytes. */
    private static final String KNOWN_VECTOR = "PBKDF2WithHmacSHA256.2." + BASE64URL.encodeToString("salt".getBytes())
            + "." + BASE64URL.encodeToString(HexFormat.of()
            .parseHex("ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"));

    @Test
    void matchesTheKnownVector() {
        PasswordHash hash = PasswordHash.parse(KNOWN_VECTOR);
        assertThat(hash.matches("password".toCharArray()), is(true));
        assertThat(hash.matches("Password".toCharArray()), is(false));
    }

    @Test
    void aNewHashMatchesItsPasswordAndNoOther() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), 1000);
        PasswordHash read = PasswordHash.parse(hash.encoded());
        assertThat(read.matches("correct horse".toCharArray()), is(true));
        assertThat(read.matches("correct horsE".toCharArray()), is(false));
        assertThat(read.matches(new char[0]), is(false));
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        assertThat(PasswordHash.of("pw".toCharArray(), 10).encoded(),
                not(PasswordHash.of("pw".toCharArray(), 10).encoded()));
    }

    @Test
    void theDefaultIsStrongAndTheFormIsDotted() {
        assertThat(PasswordHash.of("pw".toCharArray()).encoded(), startsWith("PBKDF2WithHmacSHA256.600000."));
    }

    @Test
    void malformedHashesAreRefusedWithWhatIsWrong() {
        assertThat(refusal("secret"), containsString("PBKDF2WithHmacSHA256.<iterations>.<salt>.<hash>"));
        assertThat(refusal(KNOWN_VECTOR.replace("SHA256", "SHA1")), containsString("must read"));
        assertThat(refusal(KNOWN_VECTOR.replace(".2.", ".many.")), containsString("iterations"));
        assertThat(refusal(KNOWN_VECTOR.replace(".2.", ".0.")), containsString("iterations"));
        assertThat(refusal(KNOWN_VECTOR.replace(".c2FsdA.", ".c2F*dA.")), containsString("salt"));
        assertThat(refusal(KNOWN_VECTOR.substring(0, KNOWN_VECTOR.length() - 32)), containsString("at least 16"));
        assertThat(refusal(null), containsString("must read"));
    }

    @Test
    void itsStringShowsNeitherSaltNorHash() {
        PasswordHash hash = PasswordHash.parse(KNOWN_VECTOR);
        assertThat(hash.toString(), not(containsString("c2FsdA")));
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(text)).getMessage();
    }
}
