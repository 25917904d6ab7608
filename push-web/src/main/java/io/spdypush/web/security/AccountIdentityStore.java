package io.spdypush.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a user name and password against the configured {@link Accounts}; the account's role is
 * its group. A name the {@link LoginGuard} refuses from the caller's address is invalid without its
 * password being checked.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    private Accounts accounts;

    @Inject
    private LoginGuard guard;

    @Inject
    private HttpServletRequest request;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String user = credential.getCaller();
        String address = request.getRemoteAddr();
        if (guard.refuses(user, address)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<Account> account = accounts.authenticate(user, credential.getPassword().getValue());
        if (account.isEmpty()) {
            guard.failed(user, address);
            return CredentialValidationResult.INVALID_RESULT;
        }
        guard.succeeded(user, address);
        return new CredentialValidationResult(account.get().name(), Set.of(account.get().role()));
    }
}
