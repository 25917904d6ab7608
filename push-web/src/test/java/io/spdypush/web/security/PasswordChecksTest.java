package io.spdypush.web.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

class PasswordChecksTest {

    private final AtomicLong now = new AtomicLong(-1_000_000_000L);
    private final PasswordChecks checks = new PasswordChecks(2, "spdypush.login.maxConcurrentChecks", now::get);
    private final Logger log = Logger.getLogger(PasswordChecks.class.getName());
    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord line) {
            lines.add(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        log.removeHandler(handler);
    }

    @Test
    void asManyChecksAsAllowedRunAtOnceAndAFinishedOneFreesItsPermit() {
        assertThat(checks.tryStart(), is(true));
        assertThat(checks.tryStart(), is(true));
        assertThat(checks.tryStart(), is(false));
        checks.finish();
        assertThat(checks.tryStart(), is(true));
        assertThat(checks.refused(), is(1L));
    }

    @Test
    void refusalsAreLoggedWhenTheyBeginAndThenAtMostOnceAMinuteWithTheirNumber() {
        checks.tryStart();
        checks.tryStart();
        for (int i = 0; i < 500; i++) {
            checks.tryStart();
        }
        assertThat(lines, hasSize(1));
        assertThat(lines.get(0).getParameters()[0], is(1L));

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        checks.tryStart();
        assertThat(lines, hasSize(2));
        assertThat("the refusals since the first line", lines.get(1).getParameters()[0], is(500L));
        assertThat(lines.get(1).getParameters()[2], is("spdypush.login.maxConcurrentChecks"));
    }
}
