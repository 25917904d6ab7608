package io.spdypush.web.pages;

import io.spdypush.api.AdapterSetting;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ConfigViewTest {

    @Test
    void secretsAreHiddenButSaidToBeSet() {
        assertThat(ConfigView.shown("spdypush.tokenSecret", "s3cret"), is(ConfigView.MASKED));
        assertThat(ConfigView.shown("spdypush.admin.passwordHash", "PBKDF2WithHmacSHA256.1.a.b"),
                is(ConfigView.MASKED));
        assertThat(ConfigView.shown("spdypush.tlsKeyStorePassword", "changeit"), is(ConfigView.MASKED));
        assertThat(ConfigView.shown("spdypush.apiKey", "k-123"), is(ConfigView.MASKED));
        assertThat(ConfigView.shown("spdypush.GITHUB_TOKEN", "ghp_x"), is(ConfigView.MASKED));
    }

    @Test
    void theAdaptersSettingsAreMaskedByTheSameRule() {
        assertThat(ConfigView.shown("tokenSecret", AdapterSetting.HIDDEN), is(ConfigView.MASKED));
        assertThat(ConfigView.shown("tlsKeyStore", "/etc/spdypush/server.p12"), is(ConfigView.MASKED));
        assertThat(ConfigView.shown("spdyPort", "7070"), is("7070"));
        assertThat(ConfigView.shown("heartbeatServerSeconds", "90"), is("90"));
    }

    @Test
    void otherValuesAndEmptySecretsAreShownAsTheyAre() {
        assertThat(ConfigView.shown("spdypush.spdyPort", "7070"), is("7070"));
        assertThat(ConfigView.shown("spdypush.tokenSecret", ""), is(""));
        assertThat(ConfigView.shown("tlsKeyStorePassword", ""), is(""));
    }
}
