package io.spdypush.web;

import io.spdypush.api.ClientIds;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /push/api/clients/{clientId}/tokens?ttl=SECONDS}: a token for the client's push
 * stream, as JSON, or the bare token for {@code Accept: text/plain}.
 */
@Path("clients/{clientId}/tokens")
public class ClientTokensResource {

    static final long MAX_TTL_SECONDS = 366L * 24 * 3600;

    @EJB
    private PushService push;

    /** The minted token and when it stops being valid (epoch seconds). */
    public record TokenJson(String clientId, String token, long expires) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public TokenJson mint(@PathParam("clientId") String clientId,
                          @QueryParam("ttl") @DefaultValue("3600") long ttlSeconds) {
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("ttl " + ttlSeconds + " is out of range 1-" + MAX_TTL_SECONDS
                    + " seconds");
        }
        ClientIds.requireValid(clientId);
        Instant issued = Instant.now();
        String token = push.mintToken(clientId, Duration.ofSeconds(ttlSeconds));
        return new TokenJson(clientId, token, issued.plusSeconds(ttlSeconds).getEpochSecond());
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String mintPlain(@PathParam("clientId") String clientId,
                            @QueryParam("ttl") @DefaultValue("3600") long ttlSeconds) {
        return mint(clientId, ttlSeconds).token();
    }
}
