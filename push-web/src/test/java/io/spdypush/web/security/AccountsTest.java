package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountsTest {

    private static final String ADMIN_HASH = PasswordHash.of("admin-pw".toCharArray(), 1000).encoded();
    private static final String MONITOR_HASH = PasswordHash.of("monitor-pw".toCharArray(), 1000).encoded();

    @TempDir
    Path dataDirectory;

    @Test
    void theAdminAndTheMonitorLogInWithTheirRoles() {
        Accounts accounts = accounts(ADMIN_HASH, MONITOR_HASH);

        assertThat(accounts.authenticate("admin", "admin-pw".toCharArray()).map(Account::role),
                is(Optional.of(WebSecurity.ADMIN_ROLE)));
        assertThat(accounts.authenticate("monitor", "monitor-pw".toCharArray()).map(Account::role),
                is(Optional.of(WebSecurity.MONITOR_ROLE)));
        assertThat(accounts.authenticate("admin", "monitor-pw".toCharArray()).isPresent(), is(false));
        assertThat(accounts.authenticate("nobody", "admin-pw".toCharArray()).isPresent(), is(false));
    }

    @Test
    void withoutAMonitorHashThereIsNoMonitor() {
        Accounts accounts = accounts(ADMIN_HASH, null);
        assertThat(accounts.authenticate("monitor", "monitor-pw".toCharArray()).isPresent(), is(false));
    }

    @Test
    void aMalformedHashStopsTheStartNamingTheProperty() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> accounts("PBKDF2WithHmacSHA256:1000:salt:hash", null));
        assertThat(refused.getMessage(), containsString("spdypush.admin.passwordHash"));
        assertThat(refused.getMessage(), containsString("must read"));

        IllegalStateException monitor = assertThrows(IllegalStateException.class,
                () -> accounts(ADMIN_HASH, "secret"));
        assertThat(monitor.getMessage(), containsString("spdypush.monitor.passwordHash"));
        assertThat(monitor.getMessage().contains("secret\""), is(false));
    }

    @Test
    void withoutAnAdminHashTheGeneratedOneIsKeptInTheDataDirectory() {
        accounts(null, null);
        assertThat(Files.exists(dataDirectory.resolve(Accounts.GENERATED_HASH_FILE)), is(true));
    }

    @Test
    void theMonitorCannotTakeTheAdminsName() {
        Accounts accounts = unread(ADMIN_HASH, MONITOR_HASH);
        accounts.monitorUser = "admin";
        IllegalStateException refused = assertThrows(IllegalStateException.class, accounts::readConfiguration);
        assertThat(refused.getMessage(), containsString("spdypush.monitor.user"));
    }

    private Accounts accounts(String adminHash, String monitorHash) {
        Accounts accounts = unread(adminHash, monitorHash);
        accounts.readConfiguration();
        return accounts;
    }

    private Accounts unread(String adminHash, String monitorHash) {
        Accounts accounts = new Accounts();
        accounts.adminUser = "admin";
        accounts.adminPasswordHash = Optional.ofNullable(adminHash);
        accounts.monitorUser = "monitor";
        accounts.monitorPasswordHash = Optional.ofNullable(monitorHash);
        accounts.dataDirectory = Optional.of(dataDirectory.toString());
        return accounts;
    }
}
