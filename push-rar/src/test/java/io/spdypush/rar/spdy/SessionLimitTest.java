package io.spdypush.rar.spdy;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/** The sessions a process holds: maxSessions, or what its file limit leaves room for. */
class SessionLimitTest {

    @Test
    void theFileLimitLowersMaxSessionsAndLeavesFilesForTheRest() {
        assertThat(SessionLimit.within(100_000, 20_000), is(19_000));
        assertThat(SessionLimit.within(5_000, 20_000), is(5_000));
        assertThat(SessionLimit.within(5_000, 10), is(1));
    }

    @Test
    void thisProcessHasAFileLimitThatBoundsItsSessions() {
        long maxOpenFiles = SessionLimit.maxOpenFiles();
        assertThat(maxOpenFiles, lessThan(Long.MAX_VALUE));
        assertThat((long) SessionLimit.of(Integer.MAX_VALUE), is(maxOpenFiles - SessionLimit.FILES_FOR_THE_REST));
    }
}
