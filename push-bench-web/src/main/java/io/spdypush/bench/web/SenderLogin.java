package io.spdypush.bench.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The alternatives' senders log in as ours do, so that the bench's HTTP API rows compare the same work: HTTP
 * Basic on every call (web.xml), here as a Jakarta EE application on Payara has it out of the box, Jakarta
 * Security's mechanism and an identity store. The store compares the password the bench made up for the run
 * (system property {@value #PASSWORD}) in constant time; ours checks an HMAC of it. The streams the clients
 * read stay open, as ours are opened with a token rather than a password.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "bench")
public class SenderLogin implements IdentityStore {

    static final String PASSWORD = "bench.senderPassword";
    static final String SENDER = "sender";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String expected = System.getProperty(PASSWORD);
        boolean right = expected != null && "admin".equals(credential.getCaller()) && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                credential.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
        return right ? new CredentialValidationResult("admin", Set.of(SENDER)) : CredentialValidationResult.INVALID_RESULT;
    }
}
