package io.spdypush.web.pages;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class ConfigViewTest {

    @Test
    void secretsAreHiddenButSaidToBeSet() {
        assertThat(ConfigView.shown("spdypush.tokenSecret", "s3cret"), not(is("s3cret")));
        assertThat(ConfigView.shown("spdypush.admin.passwordHash", "PBKDF2WithHmacSHA256.1.a.b"),
                not(is("PBKDF2WithHmacSHA256.1.a.b")));
        assertThat(ConfigView.shown("spdypush.tlsKeyStorePassword", "changeit"), not(is("changeit")));
    }

    @Test
    void otherValuesAndEmptySecretsAreShownAsTheyAre() {
        assertThat(ConfigView.shown("spdypush.spdyPort", "7070"), is("7070"));
        assertThat(ConfigView.shown("spdypush.tokenSecret", ""), is(""));
    }
}
