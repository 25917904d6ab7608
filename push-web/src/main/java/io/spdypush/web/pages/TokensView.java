package io.spdypush.web.pages;

import io.spdypush.protocol.ClientIds;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;

/** Backs the tokens page: a token for one client, for trying things out in development. */
@Named
@RequestScoped
public class TokensView {

    /** As the REST API's: an hour by default, at most the adapter's default maxTokenLifetimeSeconds, 30 days. */
    static final long MAX_TTL_SECONDS = 30L * 24 * 3600;

    @EJB
    private PushService push;

    private String clientId;
    private long ttlSeconds = 3600;
    private String token;
    private Instant expires;

    public void mint() {
        if (clientId == null || !ClientIds.isValid(clientId)) {
            Pages.error("A client id is 1-128 characters of A-Z a-z 0-9 . _ : @ -");
        } else if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            Pages.error("The validity must be 1-" + MAX_TTL_SECONDS + " seconds");
        } else {
            expires = Instant.now().plusSeconds(ttlSeconds);
            token = push.mintToken(clientId, Duration.ofSeconds(ttlSeconds));
        }
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId == null ? null : clientId.strip();
    }

    public long getTtlSeconds() {
        return ttlSeconds;
    }

    public void setTtlSeconds(long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    public String getToken() {
        return token;
    }

    public Instant getExpires() {
        return expires;
    }
}
