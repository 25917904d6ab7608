package io.spdypush.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/** Checks a user name and password against the configured {@link Accounts}; the account's role is its group. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    private Accounts accounts;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return accounts.authenticate(credential.getCaller(), credential.getPassword().getValue())
                .map(account -> new CredentialValidationResult(account.name(), Set.of(account.role())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
