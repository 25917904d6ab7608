package io.spdypush.web.security;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The identity store over a real guard and real accounts, from one address, with no container. */
class AccountIdentityStoreTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final AccountIdentityStore store = store();

    @Test
    void theRightPasswordGivesTheAccountsRoleAsItsGroup() {
        CredentialValidationResult result = store.validate(
                new UsernamePasswordCredential("admin", Logins.ADMIN_PASSWORD));
        assertThat(result.getStatus(), is(CredentialValidationResult.Status.VALID));
        assertThat(result.getCallerGroups(), is(Set.of(WebSecurity.ADMIN_ROLE)));
    }

    @Test
    void aLockedNameIsInvalidLikeAWrongPasswordButALockedAddressIsMarkedFor429() {
        for (int i = 0; i < 10; i++) {
            store.validate(new UsernamePasswordCredential("monitor", "guess"));
        }
        assertThat(store.validate(new UsernamePasswordCredential("monitor", "guess")).getStatus(),
                is(CredentialValidationResult.Status.INVALID));
        assertThat("a name's lock answers 401", attributes.get(LoginRefusedPage.RETRY_AFTER), is(nullValue()));

        for (int i = 0; i < 10; i++) {
            store.validate(new UsernamePasswordCredential("made-up-" + i, "guess"));
        }
        assertThat(store.validate(new UsernamePasswordCredential("admin", Logins.ADMIN_PASSWORD)).getStatus(),
                is(CredentialValidationResult.Status.INVALID));
        assertThat("the lock's rest, as Retry-After says it",
                LoginRefusedPage.retryAfterSeconds((Duration) attributes.get(LoginRefusedPage.RETRY_AFTER)), is(300L));
    }

    private AccountIdentityStore store() {
        AccountIdentityStore store = new AccountIdentityStore();
        store.guard = Logins.guard(Logins.accounts(), 20, Optional.empty());
        store.request = request("203.0.113.7");
        return store;
    }

    /** Only what the store asks of a request: its remote address and its attributes. */
    private HttpServletRequest request(String remoteAddress) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddress;
                    case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
