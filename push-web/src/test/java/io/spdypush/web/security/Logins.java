package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;

import java.util.Optional;

/** Real accounts and a real guard as the tests of logins need them, without a container. */
final class Logins {

    static final String ADMIN_PASSWORD = "admin-pw";

    private Logins() {
    }

    /** The admin with {@link #ADMIN_PASSWORD} (a hash of few iterations) and no monitor. */
    static Accounts accounts() {
        Accounts accounts = new Accounts();
        accounts.adminUser = "admin";
        accounts.adminPasswordHash = Optional.of(PasswordHash.of(ADMIN_PASSWORD.toCharArray(), 1000).encoded());
        accounts.monitorUser = "monitor";
        accounts.monitorPasswordHash = Optional.empty();
        accounts.dataDirectory = Optional.empty();
        accounts.readConfiguration();
        return accounts;
    }

    /** A guard with the default settings but the two given, started as at deployment. */
    static LoginGuard guard(Accounts accounts, int maxFailuresPerAddress, Optional<Integer> maxConcurrentChecks) {
        LoginGuard guard = new LoginGuard();
        guard.maxFailures = 10;
        guard.maxFailuresPerAddress = maxFailuresPerAddress;
        guard.failureWindowSeconds = 60;
        guard.lockSeconds = 300;
        guard.maxConcurrentChecks = maxConcurrentChecks;
        guard.accounts = accounts;
        guard.configure();
        return guard;
    }
}
