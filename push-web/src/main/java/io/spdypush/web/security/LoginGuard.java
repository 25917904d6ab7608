package io.spdypush.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps passwords from being guessed at full speed and wrong logins from taking the server's
 * cores: a user name that got too many wrong passwords from one address, and an address that sent
 * too many wrong logins whatever the names, are refused for a while ({@link LoginThrottle}), and
 * only so many passwords are checked at once ({@link PasswordChecks}); a refused login costs no
 * PBKDF2. Asked by {@link BasicLogin} on every request. Configured with {@code spdypush.login.maxFailures} (10),
 * {@code spdypush.login.maxFailuresPerAddress} (20), {@code spdypush.login.failureWindowSeconds}
 * (60), {@code spdypush.login.lockSeconds} (300) and {@code spdypush.login.maxConcurrentChecks}
 * (half the cores, at least 1).
 *
 * <p>A name that is no user's costs a full PBKDF2 (against a decoy hash), like a wrong password of
 * a real user, and is counted the same, per name and address and per address: were it refused
 * cheaply, the answer's time would tell which names exist. Its cost is bounded instead: at most
 * {@code maxFailuresPerAddress} checks per address and window, at most
 * {@code maxConcurrentChecks} at once, and a locked caller is refused before its name is looked
 * at, in the same time whether the name exists or not.
 */
@ApplicationScoped
public class LoginGuard {

    static final String MAX_FAILURES = "spdypush.login.maxFailures";
    static final String MAX_FAILURES_PER_ADDRESS = "spdypush.login.maxFailuresPerAddress";
    static final String FAILURE_WINDOW = "spdypush.login.failureWindowSeconds";
    static final String LOCK = "spdypush.login.lockSeconds";
    static final String MAX_CONCURRENT_CHECKS = "spdypush.login.maxConcurrentChecks";
    /** Keys each lock remembers at most, whatever a flood of made-up names or addresses does. */
    static final int MAX_TRACKED = 10_000;

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());

    @Inject
    @ConfigProperty(name = MAX_FAILURES, defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = MAX_FAILURES_PER_ADDRESS, defaultValue = "20")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = FAILURE_WINDOW, defaultValue = "60")
    int failureWindowSeconds;

    @Inject
    @ConfigProperty(name = LOCK, defaultValue = "300")
    int lockSeconds;

    /** Half the cores by default, so that checking passwords never takes all of them from pushing. */
    @Inject
    @ConfigProperty(name = MAX_CONCURRENT_CHECKS)
    Optional<Integer> maxConcurrentChecks;

    @Inject
    Accounts accounts;

    private int concurrentChecks;
    private LoginThrottle throttle;
    private PasswordChecks checks;

    @PostConstruct
    void configure() {
        requireAtLeastOne(maxFailures, MAX_FAILURES);
        requireAtLeastOne(maxFailuresPerAddress, MAX_FAILURES_PER_ADDRESS);
        requireAtLeastOne(failureWindowSeconds, FAILURE_WINDOW);
        requireAtLeastOne(lockSeconds, LOCK);
        concurrentChecks = maxConcurrentChecks.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        requireAtLeastOne(concurrentChecks, MAX_CONCURRENT_CHECKS);
        throttle = new LoginThrottle(maxFailures, maxFailuresPerAddress, Duration.ofSeconds(failureWindowSeconds),
                Duration.ofSeconds(lockSeconds), MAX_TRACKED, System::nanoTime);
        checks = new PasswordChecks(concurrentChecks, MAX_CONCURRENT_CHECKS, System::nanoTime);
    }

    /** Made at deployment, so that a bad setting stops it with a message naming the property. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.log(Level.INFO, "Logins: a user name with {0} wrong passwords from one address within {2} s is refused"
                + " from there for {3} s, an address with {1} wrong logins within {2} s for {3} s, and at most {4}"
                + " passwords are checked at once ({5}, {6}, {7}, {8}, {9})", new Object[]{maxFailures,
                maxFailuresPerAddress, failureWindowSeconds, lockSeconds, concurrentChecks,
                MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, FAILURE_WINDOW, LOCK, MAX_CONCURRENT_CHECKS});
    }

    /**
     * Decides a login of {@code user} with {@code password} from {@code address}. A lock refuses
     * even the right password, and is asked first, so that a locked caller learns nothing.
     */
    Login logIn(String user, char[] password, String address) {
        Optional<LoginThrottle.Refusal> locked = throttle.lockedFor(user, address);
        if (locked.isPresent()) {
            return new Login.Refused(locked.get().by() == LoginThrottle.Locked.ADDRESS ? Login.Why.ADDRESS_LOCKED
                    : Login.Why.NAME_LOCKED, locked.get().remaining());
        }
        Optional<Account> remembered = accounts.remembered(user, password);
        if (remembered.isPresent()) {
            throttle.succeeded(user, address);
            return new Login.Accepted(remembered.get());
        }
        if (!checks.tryStart()) {
            return new Login.Refused(Login.Why.BUSY, PasswordChecks.RETRY_AFTER);
        }
        Optional<Account> account;
        try {
            account = accounts.authenticate(user, password);
        } finally {
            checks.finish();
        }
        if (account.isPresent()) {
            throttle.succeeded(user, address);
            return new Login.Accepted(account.get());
        }
        failed(user, address);
        return new Login.Wrong();
    }

    /** For tests: the bound on checks at once. */
    PasswordChecks checks() {
        return checks;
    }

    private void failed(String user, String address) {
        Set<LoginThrottle.Locked> locked = throttle.failed(user, address);
        if (locked.contains(LoginThrottle.Locked.NAME)) {
            // The name only when it is a user's: a password typed into the name field stays out of the log.
            LOG.log(Level.WARNING, "Refusing logins of {0} from {1} for {2} s: {3} wrong passwords within {4} s"
                            + " ({5}, {6}, {7})", new Object[]{accounts.exists(user) ? "user \"" + user + "\""
                            : "a user name that does not exist", address, lockSeconds, maxFailures,
                    failureWindowSeconds, MAX_FAILURES, FAILURE_WINDOW, LOCK});
        }
        if (locked.contains(LoginThrottle.Locked.ADDRESS)) {
            LOG.log(Level.WARNING, "Refusing all logins from {0} for {1} s (429): {2} wrong logins within {3} s,"
                            + " whatever the user names ({4}, {5}, {6})", new Object[]{LoginThrottle.client(address),
                    lockSeconds, maxFailuresPerAddress, failureWindowSeconds, MAX_FAILURES_PER_ADDRESS,
                    FAILURE_WINDOW, LOCK});
        }
    }

    private static void requireAtLeastOne(int value, String property) {
        if (value < 1) {
            throw new IllegalStateException(property + " " + value + " must be at least 1 (MicroProfile Config property "
                    + property + ")");
        }
    }
}
