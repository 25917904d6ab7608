package io.spdypush.rar.jca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingSourcesTest {

    @Test
    void anEnvironmentVariableIsFoundByEachOfMicroProfileConfigsThreeNames() {
        for (String variable : new String[] {"spdypush.tokenSecret", "spdypush_tokenSecret", "SPDYPUSH_TOKENSECRET"}) {
            SettingSources sources = new SettingSources(property -> null, Map.of(variable, "from-env"));

            assertThat(variable, sources.given("tokenSecret"),
                    is(Optional.of(new SettingSources.Given("from-env", "environment variable " + variable))));
        }
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        SettingSources sources = new SettingSources(
                property -> property.equals("spdypush.spdyPort") ? "7071" : null, Map.of("SPDYPUSH_SPDYPORT", "7072"));

        assertThat(sources.given("spdyPort"),
                is(Optional.of(new SettingSources.Given("7071", "system property spdypush.spdyPort"))));
    }

    @Test
    void aFileNamedByTheSettingsFileVariantGivesItsContentWithoutTheLineEnd(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "a-secret-of-more-than-32-bytes-in-a-file\n");
        SettingSources sources = new SettingSources(property -> null,
                Map.of("SPDYPUSH_TOKENSECRETFILE", secret.toString()));

        SettingSources.Given given = sources.given("tokenSecret").orElseThrow();

        assertThat(given.value(), is("a-secret-of-more-than-32-bytes-in-a-file"));
        assertThat(given.origin(), is("file " + secret + " (environment variable SPDYPUSH_TOKENSECRETFILE)"));
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorNamingItAndWhoNamedIt(@TempDir Path dir) {
        SettingSources sources = new SettingSources(
                property -> property.equals("spdypush.tokenSecretFile") ? dir.resolve("missing").toString() : null,
                Map.of());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> sources.given("tokenSecret"));

        assertThat(error.getMessage(), containsString("missing, named by system property spdypush.tokenSecretFile"));
    }

    @Test
    void nothingGivenOutsideLeavesTheConfigProperty() {
        assertThat(new SettingSources(property -> null, Map.of()).given("spdyPort"), is(Optional.empty()));
    }
}
