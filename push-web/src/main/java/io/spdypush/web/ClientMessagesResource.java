package io.spdypush.web;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /push/api/clients/{clientId}/messages}: the body is the payload, its
 * {@code Content-Type} the message's content type.
 */
@Path("clients/{clientId}/messages")
public class ClientMessagesResource {

    @EJB
    private PushService push;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("clientId") String clientId,
                         @QueryParam("id") String id,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         byte[] payload) {
        PushMessage message = PushMessage.to(clientId)
                .bytes(contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType, payload);
        if (id != null) {
            message = message.id(id);
        }
        Delivery delivery = push.send(message);
        return Response.status(delivery.isAccepted() ? Response.Status.ACCEPTED : Response.Status.CONFLICT)
                .entity(DeliveryJson.of(delivery))
                .build();
    }
}
