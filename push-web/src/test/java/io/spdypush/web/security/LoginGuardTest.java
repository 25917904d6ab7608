package io.spdypush.web.security;

import io.spdypush.web.security.Login.Why;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The guard with real accounts and real PBKDF2 hashes (of few iterations, but the decoy's). */
class LoginGuardTest {

    private static final String ATTACKER = "203.0.113.7";

    private final Accounts accounts = Logins.accounts();

    @Test
    void madeUpNamesFromOneAddressCostNoMoreHashesThanMaxFailuresPerAddress() {
        LoginGuard guard = guard(3, Optional.empty());
        int wrong = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            Login login = guard.logIn("made-up-" + UUID.randomUUID(), "guess".toCharArray(), ATTACKER);
            if (login instanceof Login.Wrong) {
                wrong++;
            } else if (login instanceof Login.Refused refusal && refusal.why() == Why.ADDRESS_LOCKED) {
                refused++;
            }
        }
        assertThat(wrong, is(3));
        assertThat(refused, is(197));
        assertThat("hashes computed", accounts.hashesChecked(), is(3L));

        assertThat("the admin's right password from there",
                guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), ATTACKER), instanceOf(Login.Refused.class));
        assertThat(accounts.hashesChecked(), is(3L));
        assertThat("the admin elsewhere", guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), "192.0.2.1"),
                instanceOf(Login.Accepted.class));
    }

    @Test
    void aLoginThatFindsEveryCheckRunningIsRefusedWithoutAHash() {
        LoginGuard guard = guard(20, Optional.of(1));
        assertThat("a check that is running", guard.checks().tryStart(), is(true));

        Login login = guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), "192.0.2.1");

        assertThat(login, is(new Login.Refused(Why.BUSY, Duration.ofSeconds(1))));
        assertThat("hashes computed", accounts.hashesChecked(), is(0L));
        assertThat(guard.checks().refused(), is(1L));

        guard.checks().finish();
        assertThat(guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), "192.0.2.1"),
                instanceOf(Login.Accepted.class));
        assertThat(accounts.hashesChecked(), is(1L));
    }

    @Test
    void aPasswordOnceVerifiedNeedsNoCheckAndSoNoPermit() {
        LoginGuard guard = guard(20, Optional.of(1));
        guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), "192.0.2.1");
        guard.checks().tryStart();

        assertThat(guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), "192.0.2.1"),
                instanceOf(Login.Accepted.class));
        assertThat(accounts.hashesChecked(), is(1L));
    }

    @Test
    void aLockedNameIsRefusedEvenWithItsRightPasswordAndNoHash() {
        LoginGuard guard = guard(20, Optional.empty());
        for (int i = 0; i < 10; i++) {
            assertThat(guard.logIn("admin", ("guess-" + i).toCharArray(), ATTACKER), instanceOf(Login.Wrong.class));
        }
        Login login = guard.logIn("admin", Logins.ADMIN_PASSWORD.toCharArray(), ATTACKER);
        assertThat(login instanceof Login.Refused refusal && refusal.why() == Why.NAME_LOCKED, is(true));
        assertThat(accounts.hashesChecked(), is(10L));
    }

    @Test
    void badSettingsStopTheStartNamingTheProperty() {
        IllegalStateException perAddress = assertThrows(IllegalStateException.class,
                () -> guard(0, Optional.empty()));
        assertThat(perAddress.getMessage(), containsString("(MicroProfile Config property"
                + " spdypush.login.maxFailuresPerAddress)"));
        IllegalStateException concurrent = assertThrows(IllegalStateException.class, () -> guard(20, Optional.of(0)));
        assertThat(concurrent.getMessage(), containsString("spdypush.login.maxConcurrentChecks 0 must be at least 1"));
    }

    private LoginGuard guard(int maxFailuresPerAddress, Optional<Integer> maxConcurrentChecks) {
        return Logins.guard(accounts, maxFailuresPerAddress, maxConcurrentChecks);
    }
}
