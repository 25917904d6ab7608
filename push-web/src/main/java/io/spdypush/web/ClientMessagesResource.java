package io.spdypush.web;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import io.spdypush.protocol.ClientIds;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /push/api/clients/{clientId}/messages}: the body is the payload, its
 * {@code Content-Type} the message's content type; options as {@link MessageParameters}.
 * {@code GET /push/api/clients/{clientId}/messages}: its stored messages, newest first;
 * {@code GET /push/api/clients/{clientId}/messages/{id}}: the outcome of one; {@code DELETE} cancels it.
 */
@Path("clients/{clientId}/messages")
@Tag(name = "messages", description = "Sending messages and their outcome")
@ApplicationScoped
public class ClientMessagesResource {

    @EJB
    private PushService push;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to one client", description = "The body is the payload, its"
            + " Content-Type the message's; kept until acknowledged while the client is offline. "
            + MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "accepted, with its seq")
    @APIResponse(responseCode = "409", description = "refused, with the reason (outbox full, payload too large)")
    @APIResponse(responseCode = "400", description = "an invalid client id or option, or an unknown"
            + " query parameter; field names it")
    public Response send(@PathParam("clientId") String clientId, @Context HttpHeaders headers, @Context UriInfo uri,
                         byte[] payload) {
        PushMessage message = BadParameterException.naming("clientId", () -> PushMessage.to(clientId));
        Delivery delivery = push.send(MessageParameters.of(headers, uri).applyTo(message, payload)).get(0);
        return Response.status(delivery.status() == Delivery.Status.REFUSED ? Response.Status.CONFLICT
                        : Response.Status.ACCEPTED)
                .entity(DeliveryJson.of(delivery))
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The stored messages of one client, newest first",
            description = "its at-least-once messages, PENDING until acknowledged, and the finished ones while their"
                    + " receipts are kept (spdypush.receiptRetentionHours)")
    @APIResponse(responseCode = "200", description = "the messages, each with its status and seq")
    @APIResponse(responseCode = "400", description = "an invalid client id or limit; field names it")
    public StoredMessagesJson stored(
            @PathParam("clientId") String clientId,
            @Parameter(description = "how many, 1-" + Paging.MAX_LIMIT + " (default " + Paging.DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit) {
        String client = BadParameterException.naming("clientId", () -> ClientIds.requireValid(clientId));
        return new StoredMessagesJson(client, push.latestMessages(client, Paging.limit(limit)).stream()
                .map(DeliveryJson::of).toList());
    }

    /** {@code {"clientId":..,"messages":[{"id":..,"clientId":..,"seq":..,"status":..},..]}}. */
    public record StoredMessagesJson(String clientId, List<DeliveryJson> messages) {
    }

    @GET
    @Path("{messageId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The outcome of a stored message")
    @APIResponse(responseCode = "200", description = "PENDING, DELIVERED, EXPIRED, REFUSED, COLLAPSED or CANCELLED")
    @APIResponse(responseCode = "404", description = "no such message is stored")
    public Response outcome(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId) {
        return push.outcome(clientId, messageId)
                .map(outcome -> Response.ok(DeliveryJson.of(outcome)).build())
                .orElseGet(() -> notStored(clientId, messageId));
    }

    @DELETE
    @Path("{messageId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a pending stored message",
            description = "It becomes CANCELLED and leaves the client's outbox: it is not sent, or sent again. A copy"
                    + " the client received already stays with it, and its acknowledgement still makes it DELIVERED.")
    @APIResponse(responseCode = "200", description = "cancelled: the message with status CANCELLED")
    @APIResponse(responseCode = "404", description = "no such message is stored")
    @APIResponse(responseCode = "409", description = "it is no longer pending: the message with its status")
    public Response cancel(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId) {
        return push.cancel(clientId, messageId)
                .map(cancellation -> Response.status(cancellation.cancelled() ? Response.Status.OK
                        : Response.Status.CONFLICT).entity(DeliveryJson.of(cancellation.outcome())).build())
                .orElseGet(() -> notStored(clientId, messageId));
    }

    private static Response notStored(String clientId, String messageId) {
        return ErrorJson.response(Response.Status.NOT_FOUND, "no stored message " + messageId + " for client "
                + clientId + ": only at-least-once messages to client ids are stored, and finished ones for"
                + " spdypush.receiptRetentionHours");
    }
}
