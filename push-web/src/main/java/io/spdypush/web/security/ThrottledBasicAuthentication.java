package io.spdypush.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP Basic, as the container's own mechanism does it (the challenge on a protected path, nothing
 * on an open one), with a {@link LoginThrottle} in front of the password check: a user name that
 * got too many wrong passwords from one address is answered 429 with {@code Retry-After} from there,
 * without its password being checked, so that a password cannot be guessed at full speed.
 * Configured with {@code spdypush.login.maxFailures} (10), {@code spdypush.login.failureWindowSeconds}
 * (60) and {@code spdypush.login.lockSeconds} (300).
 */
@ApplicationScoped
public class ThrottledBasicAuthentication implements HttpAuthenticationMechanism {

    static final String MAX_FAILURES = "spdypush.login.maxFailures";
    static final String FAILURE_WINDOW = "spdypush.login.failureWindowSeconds";
    static final String LOCK = "spdypush.login.lockSeconds";
    /** Pairs of user name and address remembered at most, whatever a flood of made-up names does. */
    static final int MAX_TRACKED = 10_000;
    static final int TOO_MANY_REQUESTS = 429;

    private static final Logger LOG = Logger.getLogger(ThrottledBasicAuthentication.class.getName());

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
    private IdentityStoreHandler identityStores;

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

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        Optional<BasicCredentials> credentials = BasicCredentials.of(request.getHeader("Authorization"));
        if (credentials.isPresent()) {
            String user = credentials.get().user();
            String address = request.getRemoteAddr();
            Optional<Duration> locked = throttle.lockedFor(user, address);
            if (locked.isPresent()) {
                return tooManyFailures(response, locked.get());
            }
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(user, credentials.get().password()));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                throttle.succeeded(user, address);
                return context.notifyContainerAboutLogin(result);
            }
            if (throttle.failed(user, address)) {
                // The name only when it is a user's: a password typed into the name field stays out of the log.
                LOG.log(Level.WARNING, "Refusing logins of {0} from {1} for {2} s: {3} wrong passwords within {4} s"
                                + " ({5}, {6}, {7})", new Object[]{accounts.exists(user) ? "user \"" + user + "\""
                                : "a user name that does not exist", address, lockSeconds, maxFailures,
                        failureWindowSeconds, MAX_FAILURES, FAILURE_WINDOW, LOCK});
            }
        }
        if (context.isProtected()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + WebSecurity.REALM + "\"");
            return context.responseUnauthorized();
        }
        return context.doNothing();
    }

    /** 429 with Retry-After and the JSON error every REST answer has. */
    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, Duration remaining)
            throws AuthenticationException {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        try {
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", Long.toString(seconds));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"error\":\"too many wrong passwords for this user from this address;"
                    + " try again in " + seconds + " s\"}");
            response.flushBuffer();
        } catch (IOException e) {
            throw new AuthenticationException("cannot answer 429: " + e.getMessage(), e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static void requireAtLeastOne(int value, String property) {
        if (value < 1) {
            throw new IllegalStateException(property + " " + value + " must be at least 1 (MicroProfile Config property "
                    + property + ")");
        }
    }
}
