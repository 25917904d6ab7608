package io.spdypush.web.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class LoginThrottleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration LOCK = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(-1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(10, MINUTE, LOCK, 1000, now::get);

    @Test
    void tenWrongPasswordsWithinAMinuteLockTheUserFromThatAddress() {
        for (int i = 0; i < 9; i++) {
            assertThat(throttle.failed("admin", "10.0.0.66"), is(false));
            later(Duration.ofSeconds(6));
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));

        assertThat("this failure locks, 54 s after the first", throttle.failed("admin", "10.0.0.66"), is(true));
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.of(LOCK)));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.failed("admin", "10.0.0.66"), is(false));
            later(Duration.ofSeconds(7));
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));
    }

    @Test
    void theLockHoldsForOneUserFromOneAddressOnly() {
        failTimes(10, "admin", "10.0.0.66");
        assertThat(throttle.lockedFor("admin", "10.0.0.66").isPresent(), is(true));
        assertThat("the real admin elsewhere", throttle.lockedFor("admin", "192.0.2.1"), is(Optional.empty()));
        assertThat("another user from there", throttle.lockedFor("monitor", "10.0.0.66"), is(Optional.empty()));
    }

    @Test
    void theLockEndsByItselfAndRefusedAttemptsDoNotMakeItLonger() {
        failTimes(10, "admin", "10.0.0.66");
        for (int minute = 0; minute < 4; minute++) {
            later(MINUTE);
            assertThat(throttle.lockedFor("admin", "10.0.0.66").isPresent(), is(true));
        }
        later(MINUTE);
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));

        failTimes(9, "admin", "10.0.0.66");
        assertThat("counted anew after the lock", throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));
        throttle.failed("admin", "10.0.0.66");
        assertThat(throttle.lockedFor("admin", "10.0.0.66").isPresent(), is(true));
    }

    @Test
    void theRightPasswordForgetsTheFailures() {
        failTimes(9, "admin", "10.0.0.66");
        throttle.succeeded("admin", "10.0.0.66");
        failTimes(9, "admin", "10.0.0.66");
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));
    }

    @Test
    void memoryIsBoundedAndLocksAreForgottenLast() {
        LoginThrottle small = new LoginThrottle(2, MINUTE, LOCK, 3, now::get);
        small.failed("admin", "10.0.0.66");
        small.failed("admin", "10.0.0.66");
        for (int i = 0; i < 100; i++) {
            small.failed("made-up-" + i, "10.0.0.66");
        }
        assertThat(small.tracked(), is(3));
        assertThat("the lock outlives the flood", small.lockedFor("admin", "10.0.0.66").isPresent(), is(true));
    }

    @Test
    void longUserNamesCountAsTheirFirstCharacters() {
        String start = "x".repeat(LoginThrottle.NAME_CHARS_KEPT);
        for (int i = 0; i < 10; i++) {
            throttle.failed(start + i, "10.0.0.66");
        }
        assertThat(throttle.lockedFor(start + "anything", "10.0.0.66").isPresent(), is(true));
        assertThat(throttle.tracked(), is(1));
    }

    private void failTimes(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
            later(Duration.ofSeconds(1));
        }
    }

    private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
