package io.spdypush.web;

import io.spdypush.protocol.ClientIds;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /push/api/clients/{clientId}/tokens?ttl=SECONDS}: a token for the client's push
 * stream, as JSON, or the bare token for {@code Accept: text/plain}.
 */
@Path("clients/{clientId}/tokens")
@Tag(name = "tokens", description = "Tokens with which clients open their push stream")
@ApplicationScoped
public class ClientTokensResource {

    static final long DEFAULT_TTL_SECONDS = 3600;
    /** The adapter's default maxTokenLifetimeSeconds, beyond which it refuses to mint. */
    static final long MAX_TTL_SECONDS = 30L * 24 * 3600;

    @EJB
    private PushService push;

    /** The minted token and when it stops being valid (epoch seconds). */
    public record TokenJson(String clientId, String token, long expires) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A token for the client's push stream")
    @APIResponse(responseCode = "200", description = "the token and its expiry (epoch seconds)")
    @APIResponse(responseCode = "400", description = "the client id or ttl is invalid, or a query parameter other"
            + " than ttl is given; field names it")
    public TokenJson mint(@PathParam("clientId") String clientId,
                          @Parameter(description = "validity in seconds, 1-" + MAX_TTL_SECONDS + " (default "
                                  + DEFAULT_TTL_SECONDS + ")") @QueryParam("ttl") String ttl, @Context UriInfo uri) {
        // A misspelt ttl would otherwise mint a token valid for the default hour.
        BadParameterException.onlyKnown(uri.getQueryParameters().keySet(), List.of("ttl"), "query parameter");
        long ttlSeconds = BadParameterException.number("ttl", ttl, DEFAULT_TTL_SECONDS, 1, MAX_TTL_SECONDS);
        BadParameterException.naming("clientId", () -> ClientIds.requireValid(clientId));
        Instant issued = Instant.now();
        String token = push.mintToken(clientId, Duration.ofSeconds(ttlSeconds));
        return new TokenJson(clientId, token, issued.plusSeconds(ttlSeconds).getEpochSecond());
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The bare token, for scripts")
    public String mintPlain(@PathParam("clientId") String clientId, @QueryParam("ttl") String ttl,
                            @Context UriInfo uri) {
        return mint(clientId, ttl, uri).token();
    }
}
