package io.spdypush.bench.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The senders' side of the alternatives, shaped like our REST API so that the bench drives all
 * three the same way: {@code POST /bench/api/{ws|sse}/clients/{id}/messages} and
 * {@code POST /bench/api/{ws|sse}/messages}, answering 202; plus the SSE stream itself,
 * {@code GET /bench/api/sse/{clientId}}, and its acknowledgement. One class, so that JAX-RS picks
 * among all these paths by their literal parts rather than by class first.
 */
@Path("")
public class SendResource {

    @GET
    @Path("sse/{clientId}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void listen(@PathParam("clientId") String clientId, @Context SseEventSink sink, @Context Sse sse) {
        ServerSentEventsPush.listen(clientId, sink, sse);
    }

    @POST
    @Path("{transport}/clients/{clientId}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response toClient(@PathParam("transport") String transport, @PathParam("clientId") String clientId,
                             String payload) {
        long seq = "ws".equals(transport) ? WebSocketPush.send(clientId, payload)
                : ServerSentEventsPush.send(clientId, payload);
        if (seq < 0) {
            return Response.status(Response.Status.NOT_FOUND).entity("{\"status\":\"OFFLINE\"}").build();
        }
        return Response.accepted("{\"clientId\":\"" + clientId + "\",\"seq\":" + seq + "}").build();
    }

    @POST
    @Path("{transport}/messages")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response toEveryone(@PathParam("transport") String transport, String payload) {
        int sent = "ws".equals(transport) ? WebSocketPush.sendToEveryone(payload)
                : ServerSentEventsPush.sendToEveryone(payload);
        return Response.accepted("{\"deliveries\":" + sent + "}").build();
    }

    @POST
    @Path("sse/{clientId}/acks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ack(@PathParam("clientId") String clientId, @QueryParam("seq") long seq) {
        return Response.ok("{\"ack\":" + seq + "}").build();
    }
}
