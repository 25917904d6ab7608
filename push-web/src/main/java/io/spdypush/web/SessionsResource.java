package io.spdypush.web;

import io.spdypush.protocol.ClientIds;
import io.spdypush.api.SessionInfo;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /push/api/sessions}: the sessions online, a page at a time and searched by client-id
 * prefix on the adapter's side; one client's session; and disconnecting it.
 */
@Path("sessions")
@Tag(name = "sessions", description = "Push sessions online")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SessionsResource {

    @EJB
    private PushService push;

    /** One page of sessions; {@code more} says whether another page follows. */
    public record SessionPageJson(int offset, int limit, String search, boolean more, List<SessionInfo> sessions) {
    }

    @GET
    @Operation(summary = "The sessions online, ordered by client id, a page at a time",
            description = "search keeps the sessions whose client id starts with it")
    @APIResponse(responseCode = "200", description = "one page, and whether more follow")
    @APIResponse(responseCode = "400", description = "offset, limit or search is invalid, or another query parameter is"
            + " given; field names it")
    public SessionPageJson list(
            @Parameter(description = "how many matching sessions to skip (default 0)") @QueryParam("offset")
            String offset,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + " (default " + Paging.DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit,
            @Parameter(description = "a client-id prefix") @QueryParam("search") String search, @Context UriInfo uri) {
        Paging paging = Paging.ofListing(uri, offset, limit);
        String prefix = BadParameterException.searchPrefix(search, ClientIds::isValid,
                "a client id: 1-128 characters of A-Z a-z 0-9 . _ : @ -");
        Paging.Page<SessionInfo> page = paging.fetch((from, size) -> push.sessions(prefix, from, size));
        return new SessionPageJson(paging.offset(), paging.limit(), prefix, page.more(), page.items());
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "The session of one client")
    @APIResponse(responseCode = "200", description = "the client is online")
    @APIResponse(responseCode = "404", description = "the client is not online")
    @APIResponse(responseCode = "400", description = "the client id is invalid")
    public Response session(@PathParam("clientId") String clientId) {
        return push.session(validClientId(clientId))
                .map(session -> Response.ok(session).build())
                .orElseGet(() -> notOnline(clientId));
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Disconnect a client", description = "ends its session with GOAWAY; its messages stay"
            + " in its outbox, and it may connect again")
    @APIResponse(responseCode = "204", description = "the client was online and is being disconnected")
    @APIResponse(responseCode = "404", description = "the client is not online")
    @APIResponse(responseCode = "400", description = "the client id is invalid")
    public Response disconnect(@PathParam("clientId") String clientId) {
        return push.disconnect(validClientId(clientId)) ? Response.noContent().build() : notOnline(clientId);
    }

    private static String validClientId(String clientId) {
        return BadParameterException.naming("clientId", () -> ClientIds.requireValid(clientId));
    }

    private static Response notOnline(String clientId) {
        return ErrorJson.response(Response.Status.NOT_FOUND, "client " + clientId + " is not online");
    }
}
