package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The users who may log in, read from MicroProfile Config once, when the application starts, so
 * that a bad value stops the deployment with a message naming the property instead of failing
 * every login: the admin ({@code spdypush.admin.user}, {@code spdypush.admin.passwordHash}, a
 * generated password when no hash is configured) and, when given a hash, a monitor who may only
 * scrape protected metrics ({@code spdypush.monitor.user}, {@code spdypush.monitor.passwordHash}).
 */
@ApplicationScoped
public class Accounts {

    static final String ADMIN_USER = "spdypush.admin.user";
    static final String ADMIN_PASSWORD_HASH = "spdypush.admin.passwordHash";
    static final String MONITOR_USER = "spdypush.monitor.user";
    static final String MONITOR_PASSWORD_HASH = "spdypush.monitor.passwordHash";
    /** The adapter's data directory, which also keeps the generated admin password's hash. */
    static final String DATA_DIRECTORY = "spdypush.dataDirectory";
    static final String GENERATED_HASH_FILE = "admin-password-hash";

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    @Inject
    @ConfigProperty(name = ADMIN_USER, defaultValue = "admin")
    String adminUser;

    @Inject
    @ConfigProperty(name = ADMIN_PASSWORD_HASH)
    Optional<String> adminPasswordHash;

    @Inject
    @ConfigProperty(name = MONITOR_USER, defaultValue = "monitor")
    String monitorUser;

    @Inject
    @ConfigProperty(name = MONITOR_PASSWORD_HASH)
    Optional<String> monitorPasswordHash;

    @Inject
    @ConfigProperty(name = DATA_DIRECTORY)
    Optional<String> dataDirectory;

    private final Map<String, Account> byName = new HashMap<>();
    /** Checked when the user is unknown, so that a wrong name takes as long as a wrong password. */
    private PasswordHash decoy;
    private final AtomicLong hashesChecked = new AtomicLong();

    /** Reads the accounts at deployment rather than at the first login. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.log(Level.INFO, "Users who may log in to spdypush: {0}", byName.values().stream()
                .map(account -> account.name() + " (" + account.role() + ")").sorted().toList());
    }

    @PostConstruct
    void readConfiguration() {
        add(new Account(adminUser, WebSecurity.ADMIN_ROLE, adminPasswordHash.map(hash -> parse(hash,
                ADMIN_PASSWORD_HASH)).orElseGet(this::generatedAdminPasswordHash)));
        monitorPasswordHash.map(hash -> parse(hash, MONITOR_PASSWORD_HASH))
                .ifPresent(hash -> add(new Account(monitorUser, WebSecurity.MONITOR_ROLE, hash)));
        decoy = PasswordHash.of(new char[]{'-'});
    }

    /** The account named {@code name} when {@code password} is the one it verified last: one HMAC, no PBKDF2. */
    public Optional<Account> remembered(String name, char[] password) {
        Account account = byName.get(name);
        return account != null && account.remembers(password) ? Optional.of(account) : Optional.empty();
    }

    /**
     * The account named {@code name} when {@code password} is its password, checked against its hash:
     * a full PBKDF2, for a name that is no user's as well (against the decoy), so that the answer's
     * time does not tell which names exist. What bounds the cost of made-up names is the throttle
     * in {@link LoginGuard}, which counts them like wrong passwords.
     */
    public Optional<Account> authenticate(String name, char[] password) {
        hashesChecked.incrementAndGet();
        Account account = byName.get(name);
        if (account == null) {
            decoy.matches(password);
            return Optional.empty();
        }
        return account.accepts(password) ? Optional.of(account) : Optional.empty();
    }

    /** Passwords checked against a hash since the start; for tests. */
    long hashesChecked() {
        return hashesChecked.get();
    }

    /** Whether a user of this name may log in. */
    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    private void add(Account account) {
        if (byName.putIfAbsent(account.name(), account) != null) {
            throw new IllegalStateException("the admin and the monitor are both called \"" + account.name()
                    + "\": give " + MONITOR_USER + " another name");
        }
    }

    private static PasswordHash parse(String hash, String property) {
        try {
            return PasswordHash.parse(hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + " (MicroProfile Config property " + property + ")", e);
        }
    }

    private PasswordHash generatedAdminPasswordHash() {
        Path file = generatedHashFile();
        GeneratedAdminPassword.Stored stored = GeneratedAdminPassword.loadOrCreate(file);
        if (stored.newPassword() != null) {
            // The one time a secret is logged: the operator has no other way to learn it.
            LOG.log(Level.WARNING, "Generated the password of the spdypush admin user \"{0}\": {1} . It is shown"
                            + " this once; only its hash is kept, in {2}. To choose your own, set {3} to the output of"
                            + " \"java -jar push-client.jar hash-password\".",
                    new Object[]{adminUser, stored.newPassword(), file, ADMIN_PASSWORD_HASH});
        } else {
            LOG.log(Level.INFO, "The spdypush admin user \"{0}\" logs in with the password generated at the first"
                    + " start (its hash is in {1}; set {2} to choose your own)", new Object[]{adminUser, file,
                    ADMIN_PASSWORD_HASH});
        }
        return stored.hash();
    }

    /** In the adapter's data directory, or where the adapter keeps its data by default. */
    private Path generatedHashFile() {
        return dataDirectory.filter(directory -> !directory.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("com.sun.aas.instanceRoot", "."), "spdypush"))
                .resolve(GENERATED_HASH_FILE);
    }
}
