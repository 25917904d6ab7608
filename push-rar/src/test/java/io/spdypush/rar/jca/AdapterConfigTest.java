package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Config properties are checked at start, and each error names the property to fix. */
class AdapterConfigTest {

    private final PushResourceAdapter adapter = new PushResourceAdapter();

    @AfterEach
    void clearOverrides() {
        System.clearProperty("spdypush.spdyPort");
        System.clearProperty("spdypush.tlsKeyStorePassword");
        System.clearProperty("spdypush.tokenSecret");
        System.clearProperty("spdypush.memoryPoolReuse");
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(adapter.config().spdyPort(), is(7070));
        assertThat(adapter.config().heartbeatServer().toSeconds(), is(90L));
    }

    @Test
    void everySettingOfTheServerComesFromTheConfigPropertyOfItsNameOrASystemProperty() {
        adapter.setMaxFramesPerSecond(123);
        adapter.setWriteTimeoutSeconds(7);
        System.setProperty("spdypush.spdyPort", "7171");

        assertThat(adapter.config().maxFramesPerSecond(), is(123));
        assertThat(adapter.config().writeTimeout().toSeconds(), is(7L));
        assertThat(adapter.config().spdyPort(), is(7171));
    }

    /** A setting of the server without a config property of its name. */
    record Orphan(int spdyPort, int noSuchSetting) {
    }

    @Test
    void aSettingWithoutAConfigPropertyIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterSettings.record(Orphan.class, adapter));
        assertThat(e.getMessage(), is("Orphan.noSuchSetting has no config property noSuchSetting in"
                + " PushResourceAdapter"));
    }

    @Test
    void anOutOfRangePortNamesThePropertyToFix() {
        adapter.setSpdyPort(70000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(),
                is("spdyPort 70000 is out of range 1-65535 (resource adapter config property spdyPort)"));
    }

    @Test
    void anOutboxSmallerThanOnePayloadIsRefused() {
        adapter.setOutboxMaxBytes(1024L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(), is("outboxMaxBytes 1024 must be at least maxPayloadBytes (1048576)"
                + " (resource adapter config property outboxMaxBytes)"));
    }

    @Test
    void aZeroHeartbeatIsRefused() {
        adapter.setHeartbeatTimeoutSeconds(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(), is("heartbeatTimeoutSeconds 0 must be a positive number of seconds"
                + " (resource adapter config property heartbeatTimeoutSeconds)"));
    }

    @Test
    void aMemoryPoolCapBelowWhatItMustHoldIsRefused() {
        adapter.setMessagePoolMaxBytes(1024L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(), is("messagePoolMaxBytes 1024 must be at least maxPayloadBytes (1048576)"
                + " (resource adapter config property messagePoolMaxBytes)"));
    }

    @Test
    void memoryPoolReuseIsTrueOrFalseAndAnythingElseIsNamed() {
        assertThat(adapter.config().memoryPoolReuse(), is(true));
        System.setProperty("spdypush.memoryPoolReuse", "FALSE");
        assertThat(adapter.config().memoryPoolReuse(), is(false));

        System.setProperty("spdypush.memoryPoolReuse", "maybe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(), is("\"maybe\" is neither true nor false (system property spdypush.memoryPoolReuse)"));
    }

    @Test
    void aSystemPropertyOverridesTheConfigProperty() {
        System.setProperty("spdypush.spdyPort", "7171");
        assertThat(adapter.config().spdyPort(), is(7171));
    }

    @Test
    void aSystemPropertyThatIsNotANumberIsNamed() {
        System.setProperty("spdypush.spdyPort", "seventy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::config);
        assertThat(e.getMessage(), is("\"seventy\" is not a valid whole number (system property spdypush.spdyPort)"));
    }

    @Test
    void theSettingsInEffectSayWhereEachValueComesFrom() {
        System.setProperty("spdypush.spdyPort", " 7171 ");
        adapter.setMaxSessions(500);
        List<AdapterSetting> settings = adapter.settingsInEffect(Path.of("/var/spdypush"));

        assertThat(settings, hasItems(
                new AdapterSetting("spdyPort", "7171", "system property spdypush.spdyPort"),
                new AdapterSetting("maxSessions", "500", "resource adapter config property"),
                new AdapterSetting("heartbeatServerSeconds", "90", "default"),
                new AdapterSetting("bindAddress", "0.0.0.0", "default")));
        assertThat(setting(settings, "dataDirectory").value(), is(Path.of("/var/spdypush").toString()));
        assertThat("every config property, by name", settings.stream().map(AdapterSetting::name).toList(),
                both(hasSize(32)).and(contains(settings.stream().map(AdapterSetting::name).sorted().toArray())));
    }

    @Test
    void theSettingsInEffectNeverHoldASecret() {
        adapter.setTokenSecret("configured-s3cret-of-at-least-32-bytes");
        System.setProperty("spdypush.tlsKeyStorePassword", "store-s3cret");
        List<AdapterSetting> settings = adapter.settingsInEffect(Path.of("/var/spdypush"));

        assertThat(setting(settings, "tokenSecret"),
                is(new AdapterSetting("tokenSecret", AdapterSetting.HIDDEN, "resource adapter config property")));
        assertThat(setting(settings, "tlsKeyStorePassword"), is(new AdapterSetting("tlsKeyStorePassword",
                AdapterSetting.HIDDEN, "system property spdypush.tlsKeyStorePassword")));
        assertThat(settings.toString(), not(containsString("s3cret")));
    }

    @Test
    void aTokenSecretShorterThan32BytesIsRefusedWithHowToMakeOne() {
        System.setProperty("spdypush.tokenSecret", "s3cret");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::tokenSigner);
        assertThat(e.getMessage(), is("the token secret (resource adapter config property tokenSecret, or system"
                + " property spdypush.tokenSecret) is 6 bytes long; it must be at least 32 bytes: make one with"
                + " `openssl rand -base64 32`"));
    }

    @Test
    void aTokenLifetimeBelowOneSecondIsRefused() {
        adapter.setMaxTokenLifetimeSeconds(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adapter::tokenSigner);
        assertThat(e.getMessage(), is("maxTokenLifetimeSeconds 0 must be a positive number of seconds"
                + " (resource adapter config property maxTokenLifetimeSeconds)"));
    }

    @Test
    void aGeneratedTokenSecretIsSaidToBeGeneratedAndHidden() {
        AdapterSetting secret = setting(adapter.settingsInEffect(Path.of("/var/spdypush")), "tokenSecret");
        assertThat(secret.value(), is(AdapterSetting.HIDDEN));
        assertThat(secret.origin(), startsWith("generated at start"));
    }

    private static AdapterSetting setting(List<AdapterSetting> settings, String name) {
        return settings.stream().filter(setting -> setting.name().equals(name)).findFirst().orElseThrow();
    }
}
