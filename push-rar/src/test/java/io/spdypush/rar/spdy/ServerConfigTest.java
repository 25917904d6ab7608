package io.spdypush.rar.spdy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigTest {

    @Test
    void anOutOfRangePortNamesThePropertyToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServerConfig("0.0.0.0",
                70000, Duration.ofSeconds(60), 100, 1024, 10, 1024, Duration.ZERO, 1));
        assertThat(e.getMessage(),
                is("spdyPort 70000 is out of range 1-65535 (resource adapter config property spdyPort)"));
    }

    @Test
    void anOutboxSmallerThanOnePayloadIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ServerConfig("0.0.0.0",
                7070, Duration.ofSeconds(60), 100, 2048, 10, 1024, Duration.ZERO, 1));
        assertThat(e.getMessage(), is("outboxMaxBytes 1024 must be at least maxPayloadBytes (2048)"
                + " (resource adapter config property outboxMaxBytes)"));
    }
}
