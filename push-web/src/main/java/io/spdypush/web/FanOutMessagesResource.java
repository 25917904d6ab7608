package io.spdypush.web;

import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code POST /push/api/topics/{topic}/messages} and {@code POST /push/api/messages}: a message
 * to the sessions subscribed to a topic, or to every session online. Answers 202 with what
 * happened per recipient.
 */
@Path("")
@Tag(name = "messages")
@ApplicationScoped
public class FanOutMessagesResource {

    @EJB
    private PushService push;

    @POST
    @Path("topics/{topic}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to the sessions subscribed to a topic",
            description = MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "what happened per recipient")
    @APIResponse(responseCode = "400", description = "an invalid topic or option; field names it")
    public Response toTopic(@PathParam("topic") String topic, @BeanParam MessageParameters parameters,
                            byte[] payload) {
        PushMessage message = BadParameterException.naming("topic", () -> PushMessage.toTopic(topic));
        return send(parameters.applyTo(message, payload));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to every session online", description = MessageParameters.OPTIONS)
    @APIResponse(responseCode = "202", description = "what happened per recipient")
    @APIResponse(responseCode = "400", description = "an invalid option; field names it")
    public Response toEveryone(@BeanParam MessageParameters parameters, byte[] payload) {
        return send(parameters.applyTo(PushMessage.toEveryone(), payload));
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
