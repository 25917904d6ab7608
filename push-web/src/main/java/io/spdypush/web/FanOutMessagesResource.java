package io.spdypush.web;

import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import io.spdypush.protocol.ClientIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /push/api/clients/messages?to=ID,ID,...}, {@code POST /push/api/topics/{topic}/messages} and
 * {@code POST /push/api/messages}: a message to several client ids, to the sessions subscribed to a topic, or to
 * every session online. Answers 202 with what happened per recipient.
 */
@Path("")
@Tag(name = "messages")
@ApplicationScoped
public class FanOutMessagesResource {

    /**
     * Client ids in one call. The ids go in the query string, which must also fit the server's request line (8 KiB
     * on Payara): 100 ids of 60 characters do.
     */
    static final int MAX_RECIPIENTS = 100;

    @EJB
    private PushService push;

    @POST
    @Path("clients/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to several clients",
            description = "to: the client ids, separated by commas, at most " + MAX_RECIPIENTS + "; each is sent"
                    + " its copy as by the one-client call, and the answer says for each what happened. "
                    + MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "what happened per recipient: ACCEPTED with its seq, or"
            + " REFUSED with the reason")
    @APIResponse(responseCode = "400", description = "no client id, too many, an invalid one, an invalid"
            + " option or an unknown query parameter; field names it")
    public Response toClients(@QueryParam("to") String to, @Context HttpHeaders headers, @Context UriInfo uri,
                              byte[] payload) {
        PushMessage message = PushMessage.to(clientIds(to, MAX_RECIPIENTS));
        return send(MessageParameters.of(headers, uri, "to").applyTo(message, payload));
    }

    @POST
    @Path("topics/{topic}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to the sessions subscribed to a topic",
            description = MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "what happened per recipient")
    @APIResponse(responseCode = "400", description = "an invalid topic or option, or an unknown query"
            + " parameter; field names it")
    public Response toTopic(@PathParam("topic") String topic, @Context HttpHeaders headers, @Context UriInfo uri,
                            byte[] payload) {
        PushMessage message = BadParameterException.naming("topic", () -> PushMessage.toTopic(topic));
        return send(MessageParameters.of(headers, uri).applyTo(message, payload));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to every session online", description = MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "what happened per recipient")
    @APIResponse(responseCode = "400", description = "an invalid option or an unknown query parameter"
            + " (a misspelt to would otherwise send to everyone); field names it")
    public Response toEveryone(@Context HttpHeaders headers, @Context UriInfo uri, byte[] payload) {
        return send(MessageParameters.of(headers, uri).applyTo(PushMessage.toEveryone(), payload));
    }

    /** The client ids of {@code to}, separated by commas, at most {@code max}, each valid; a 400 naming it otherwise. */
    static List<String> clientIds(String to, int max) {
        if (to == null || to.isBlank()) {
            throw new BadParameterException("to", "to must list the client ids, separated by commas");
        }
        return clientIds(Arrays.asList(to.split(",", -1)), max);
    }

    /** The client ids, each once, at most {@code max}, each valid; a 400 naming {@code to} otherwise. */
    static List<String> clientIds(List<String> to, int max) {
        List<String> clientIds = to.stream().map(String::trim).distinct().toList();
        if (clientIds.size() > max) {
            throw new BadParameterException("to", "to lists " + clientIds.size() + " client ids, more than "
                    + max + " in one call");
        }
        for (String clientId : clientIds) {
            if (!ClientIds.isValid(clientId)) {
                throw new BadParameterException("to", "client id \"" + clientId + "\" in to is invalid: 1-128"
                        + " characters of A-Z a-z 0-9 . _ : @ -");
            }
        }
        return clientIds;
    }

    private Response send(PushMessage message) {
        return Response.status(Response.Status.ACCEPTED)
                .entity(new FanOutJson(message.id(), push.send(message).stream().map(DeliveryJson::of).toList()))
                .build();
    }

    /** {@code {"id":..,"deliveries":[{"clientId":..,"seq":..,"status":..},..]}}. */
    public record FanOutJson(String id, List<DeliveryJson> deliveries) {
    }
}
