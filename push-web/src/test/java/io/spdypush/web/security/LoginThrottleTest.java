package io.spdypush.web.security;

import io.spdypush.web.security.LoginThrottle.Locked;
import io.spdypush.web.security.LoginThrottle.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

class LoginThrottleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration LOCK = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(-1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(10, 20, MINUTE, LOCK, 1000, now::get);

    @Test
    void tenWrongPasswordsWithinAMinuteLockTheUserFromThatAddress() {
        for (int i = 0; i < 9; i++) {
            assertThat(throttle.failed("admin", "10.0.0.66"), is(empty()));
            later(Duration.ofSeconds(6));
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));

        assertThat("this failure locks, 54 s after the first", throttle.failed("admin", "10.0.0.66"),
                is(Set.of(Locked.NAME)));
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.of(new Refusal(Locked.NAME, LOCK))));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.failed("admin", "10.0.0.66"), is(empty()));
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
        LoginThrottle small = new LoginThrottle(2, 1000, MINUTE, LOCK, 3, now::get);
        small.failed("admin", "10.0.0.66");
        small.failed("admin", "10.0.0.66");
        for (int i = 0; i < 100; i++) {
            small.failed("made-up-" + i, "10.0.0.66");
        }
        assertThat(small.trackedNames(), is(3));
        assertThat("the lock outlives the flood", small.lockedFor("admin", "10.0.0.66").isPresent(), is(true));
    }

    @Test
    void longUserNamesCountAsTheirFirstCharacters() {
        String start = "x".repeat(LoginThrottle.NAME_CHARS_KEPT);
        for (int i = 0; i < 10; i++) {
            throttle.failed(start + i, "10.0.0.66");
        }
        assertThat(throttle.lockedFor(start + "anything", "10.0.0.66").isPresent(), is(true));
        assertThat(throttle.trackedNames(), is(1));
    }

    @Test
    void twentyWrongLoginsFromOneAddressWithMadeUpNamesLockTheAddressForEveryName() {
        for (int i = 0; i < 19; i++) {
            assertThat(throttle.failed("made-up-" + i, "10.0.0.66"), is(empty()));
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));

        assertThat(throttle.failed("made-up-19", "10.0.0.66"), is(Set.of(Locked.ADDRESS)));
        assertThat("the admin from there too", throttle.lockedFor("admin", "10.0.0.66"),
                is(Optional.of(new Refusal(Locked.ADDRESS, LOCK))));
        assertThat("a name never tried", throttle.lockedFor("made-up-99", "10.0.0.66").isPresent(), is(true));
        assertThat("the admin elsewhere", throttle.lockedFor("admin", "192.0.2.1"), is(Optional.empty()));
    }

    @Test
    void theAddressLockEndsByItself() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("made-up-" + i, "10.0.0.66");
        }
        later(LOCK.minusSeconds(1));
        assertThat(throttle.lockedFor("admin", "10.0.0.66").map(Refusal::remaining),
                is(Optional.of(Duration.ofSeconds(1))));
        later(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("admin", "10.0.0.66"), is(Optional.empty()));
    }

    @Test
    void theRightPasswordDoesNotForgetTheWrongLoginsOfTheAddress() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("made-up-" + i, "10.0.0.66");
        }
        throttle.succeeded("monitor", "10.0.0.66");
        assertThat(throttle.failed("admin", "10.0.0.66"), is(Set.of(Locked.ADDRESS)));
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        for (int i = 1; i <= 20; i++) {
            throttle.failed("made-up", "2001:db8:0:7::" + Integer.toHexString(i));
        }
        assertThat(throttle.lockedFor("admin", "2001:db8:0:7:ffff::1").isPresent(), is(true));
        assertThat("the next /64", throttle.lockedFor("admin", "2001:db8:0:8::1"), is(Optional.empty()));
        assertThat(LoginThrottle.client("0:0:0:0:0:0:0:1"), is("0000:0000:0000:0000::/64"));
        assertThat(LoginThrottle.client("10.0.0.66"), is("10.0.0.66"));
    }

    @Test
    void rememberedAddressesAreBoundedAndLockedAddressesForgottenLast() {
        LoginThrottle small = new LoginThrottle(1000, 2, MINUTE, LOCK, 3, now::get);
        small.failed("admin", "10.0.0.66");
        small.failed("admin", "10.0.0.66");
        for (int i = 0; i < 10_100; i++) {
            small.failed("admin", "10.1." + (i >> 8) + "." + (i & 0xff));
        }
        assertThat(small.trackedAddresses(), is(3));
        assertThat("the lock outlives the flood", small.lockedFor("monitor", "10.0.0.66").isPresent(), is(true));
    }

    @Test
    void atMostTenThousandAddressesAndPairsAreRememberedWhateverAFloodSends() {
        LoginThrottle guarded = new LoginThrottle(10, 20, MINUTE, LOCK, LoginGuard.MAX_TRACKED, now::get);
        for (int i = 0; i < 25_000; i++) {
            guarded.failed("made-up-" + i, "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
        }
        assertThat(guarded.trackedAddresses(), is(LoginGuard.MAX_TRACKED));
        assertThat(guarded.trackedNames(), is(LoginGuard.MAX_TRACKED));
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
