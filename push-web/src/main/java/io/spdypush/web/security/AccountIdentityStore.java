package io.spdypush.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;

/**
 * Checks a user name and password against the configured {@link Accounts}, as the {@link LoginGuard}
 * lets it; the account's role is its group. The container's HTTP Basic mechanism answers every
 * invalid result with 401; a refusal that deserves a 429 is marked on the request for
 * {@link LoginRefusedPage}, the error page of that 401.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    LoginGuard guard;

    @Inject
    HttpServletRequest request;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Login login = guard.logIn(credential.getCaller(), credential.getPassword().getValue(), request.getRemoteAddr());
        if (login instanceof Login.Accepted accepted) {
            return new CredentialValidationResult(accepted.account().name(), Set.of(accepted.account().role()));
        }
        if (login instanceof Login.Refused refused && refused.why() != Login.Why.NAME_LOCKED) {
            request.setAttribute(LoginRefusedPage.RETRY_AFTER, refused.retryAfter());
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
