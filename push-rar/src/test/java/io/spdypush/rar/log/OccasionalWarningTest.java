package io.spdypush.rar.log;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flood of refusals makes one log line a minute, with their count, not one line each. */
class OccasionalWarningTest {

    private final Logger log = Logger.getLogger(OccasionalWarningTest.class.getName());
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private long now;
    private final OccasionalWarning warning = new OccasionalWarning(log, "{0,number,#} refused, the latest from {1}",
            () -> now);

    @BeforeEach
    void capture() {
        log.addHandler(capture);
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        log.removeHandler(capture);
        log.setUseParentHandlers(true);
    }

    @Test
    void theFirstIsLoggedAtOnceThenOneLineAMinuteWithTheCount() {
        warning.occurred("a");
        for (int i = 0; i < 1000; i++) {
            now += Duration.ofMillis(59).toNanos();
            warning.occurred("b" + i);
        }
        now += Duration.ofSeconds(1).toNanos();
        warning.occurred("c");

        assertThat(lines, contains("1 refused, the latest from a", "1001 refused, the latest from c"));
    }
}
