package io.spdypush.web;

import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code POST /push/api/topics/{topic}/messages} and {@code POST /push/api/messages}: a message
 * to the sessions subscribed to a topic, or to every session online. Answers 202 with what
 * happened per recipient.
 */
@Path("")
public class FanOutMessagesResource {

    @EJB
    private PushService push;

    @POST
    @Path("topics/{topic}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response toTopic(@PathParam("topic") String topic, @BeanParam MessageParameters parameters,
                            byte[] payload) {
        return send(parameters.applyTo(PushMessage.toTopic(topic), payload));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
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
