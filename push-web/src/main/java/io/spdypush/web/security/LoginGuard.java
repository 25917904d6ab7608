package io.spdypush.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps passwords from being guessed at full speed: a user name that got too many wrong passwords
 * from one address is refused from there for a while, without its password being checked
 * ({@link LoginThrottle}). Asked by {@link AccountIdentityStore}, so that the container's own HTTP
 * Basic mechanism stays in place: a mechanism of our own is a bean only push-web can see, and
 * Payara's Jakarta Security bridge then fails with a NullPointerException in every other web
 * module of the EAR (an application's own WAR next to ours). Configured with
 * {@code spdypush.login.maxFailures} (10), {@code spdypush.login.failureWindowSeconds} (60) and
 * {@code spdypush.login.lockSeconds} (300).
 */
@ApplicationScoped
public class LoginGuard {

    static final String MAX_FAILURES = "spdypush.login.maxFailures";
    static final String FAILURE_WINDOW = "spdypush.login.failureWindowSeconds";
    static final String LOCK = "spdypush.login.lockSeconds";
    /** Pairs of user name and address remembered at most, whatever a flood of made-up names does. */
    static final int MAX_TRACKED = 10_000;

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());

    @Inject
    @ConfigProperty(name = MAX_FAILURES, defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = FAILURE_WINDOW, defaultValue = "60")
    int failureWindowSeconds;

    @Inject
    @ConfigProperty(name = LOCK, defaultValue = "300")
    int lockSeconds;

    @Inject
    private Accounts accounts;

    private LoginThrottle throttle;

    @PostConstruct
    void configure() {
        requireAtLeastOne(maxFailures, MAX_FAILURES);
        requireAtLeastOne(failureWindowSeconds, FAILURE_WINDOW);
        requireAtLeastOne(lockSeconds, LOCK);
        throttle = new LoginThrottle(maxFailures, Duration.ofSeconds(failureWindowSeconds),
                Duration.ofSeconds(lockSeconds), MAX_TRACKED, System::nanoTime);
    }

    /** Made at deployment, so that a bad setting stops it with a message naming the property. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.log(Level.INFO, "Logins: a user name with {0} wrong passwords from one address within {1} s is refused"
                + " from there for {2} s ({3}, {4}, {5})", new Object[]{maxFailures, failureWindowSeconds, lockSeconds,
                MAX_FAILURES, FAILURE_WINDOW, LOCK});
    }

    /** Whether a login of this user from this address is refused without its password being checked. */
    boolean refuses(String user, String address) {
        return throttle.lockedFor(user, address).isPresent();
    }

    void succeeded(String user, String address) {
        throttle.succeeded(user, address);
    }

    void failed(String user, String address) {
        if (throttle.failed(user, address)) {
            // The name only when it is a user's: a password typed into the name field stays out of the log.
            LOG.log(Level.WARNING, "Refusing logins of {0} from {1} for {2} s: {3} wrong passwords within {4} s"
                            + " ({5}, {6}, {7})", new Object[]{accounts.exists(user) ? "user \"" + user + "\""
                            : "a user name that does not exist", address, lockSeconds, maxFailures,
                    failureWindowSeconds, MAX_FAILURES, FAILURE_WINDOW, LOCK});
        }
    }

    private static void requireAtLeastOne(int value, String property) {
        if (value < 1) {
            throw new IllegalStateException(property + " " + value + " must be at least 1 (MicroProfile Config property "
                    + property + ")");
        }
    }
}
