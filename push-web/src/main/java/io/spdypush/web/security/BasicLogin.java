package io.spdypush.web.security;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic for the pages, the REST API and protected metrics: a Jakarta Authentication module that
 * asks {@link LoginGuard} and hands the account's name and role (as its group) to the container,
 * which then checks web.xml's constraints and carries the caller into the EJBs. It replaces Jakarta
 * Security's HTTP Basic mechanism and identity store, whose bridge looks up the CDI bean manager in
 * JNDI three times a request (each lookup building an exception) and dispatches to the identity
 * store by reflection: a third of the CPU of an authenticated REST call, where this costs an HMAC.
 * Registered for push-web's own context only ({@link BasicLoginRegistration}), so the other web
 * modules of an EAR keep whatever authentication they have.
 *
 * <p>As that mechanism did: no credentials on a path that needs none is an anonymous caller; wrong
 * ones anywhere, or none where a role is needed, a {@code 401} with the Basic challenge; a login
 * refused for too many wrong logins from the address, or too many password checks at once, is
 * marked for {@link LoginRefusedPage}, the error page of that 401, which makes it a 429.
 */
final class BasicLogin implements ServerAuthModule {

    /** Set by the container when the resource needs a role, or the application called {@code authenticate}. */
    private static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    private static final String AUTHENTICATE_CALLED = "jakarta.servlet.http.isAuthenticationRequest";

    private final LoginGuard guard;
    private CallbackHandler container;

    BasicLogin(LoginGuard guard) {
        this.guard = guard;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
                           Map<String, Object> options) {
        container = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[]{HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) message.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) message.getResponseMessage();
        Optional<BasicCredentials> credentials = BasicCredentials.of(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            if (needsCaller(message.getMap())) {
                return challenge(response);
            }
            tell(new CallerPrincipalCallback(client, (Principal) null));
            return AuthStatus.SUCCESS;
        }
        Login login = credentials.get().logIn(guard, request.getRemoteAddr());
        if (login instanceof Login.Accepted accepted) {
            Account account = accepted.account();
            tell(new CallerPrincipalCallback(client, account.name()),
                    new GroupPrincipalCallback(client, new String[]{account.role()}));
            return AuthStatus.SUCCESS;
        }
        if (login instanceof Login.Refused refused && refused.why() != Login.Why.NAME_LOCKED) {
            request.setAttribute(LoginRefusedPage.RETRY_AFTER, refused.retryAfter());
        }
        return challenge(response);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }

    private static boolean needsCaller(Map<?, ?> properties) {
        return Boolean.parseBoolean(String.valueOf(properties.get(MANDATORY)))
                || Boolean.parseBoolean(String.valueOf(properties.get(AUTHENTICATE_CALLED)));
    }

    private static AuthStatus challenge(HttpServletResponse response) throws AuthException {
        response.setHeader("WWW-Authenticate", WebSecurity.BASIC_CHALLENGE);
        try {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } catch (IOException e) {
            throw (AuthException) new AuthException("could not answer 401").initCause(e);
        }
        return AuthStatus.SEND_FAILURE;
    }

    private void tell(Callback... callbacks) throws AuthException {
        try {
            container.handle(callbacks);
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException e) {
            throw (AuthException) new AuthException("the container did not take the caller").initCause(e);
        }
    }
}
