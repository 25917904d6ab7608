package io.spdypush.rar.jca;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Config properties are checked at start, and each error names the property to fix. */
class AdapterConfigTest {

    private final PushResourceAdapter adapter = new PushResourceAdapter();

    @AfterEach
    void clearOverrides() {
        System.clearProperty("spdypush.spdyPort");
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(adapter.config().spdyPort(), is(7070));
        assertThat(adapter.config().heartbeatServer().toSeconds(), is(90L));
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
}
