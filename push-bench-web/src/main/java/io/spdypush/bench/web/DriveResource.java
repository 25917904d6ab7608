package io.spdypush.bench.web;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code POST /bench/api/drive/{spdy|ws|sse}?seconds&concurrency[&perSecond]&payloadBytes&stored}, the
 * body one client id per line (without perSecond: as fast as the senders go): unicast sent from inside the server, as a business bean would send,
 * so that what is compared is the push itself and not the HTTP call a remote sender makes per message.
 * Ours goes through PushService (the EJB every application calls); the alternatives write to their
 * session. Answers when done with what was sent and the push calls' times (see UnicastDriver).
 */
@Path("drive")
@RequestScoped // a CDI bean, so that the container injects the thread factory
public class DriveResource {

    /** PushService as push.war publishes it on Payara Micro. */
    private static final String PUSH_SERVICE = "java:global/push/PushService!io.spdypush.api.PushSender";

    @Resource
    ManagedThreadFactory threads;

    @POST
    @Path("{transport}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public String drive(@PathParam("transport") String transport, @QueryParam("seconds") int seconds,
                        @QueryParam("concurrency") int concurrency, @QueryParam("perSecond") double perSecond,
                        @QueryParam("payloadBytes") @DefaultValue("100") int payloadBytes,
                        @QueryParam("stored") boolean stored, String clientIds) throws InterruptedException {
        List<String> clients = clientIds.lines().filter(line -> !line.isBlank()).toList();
        if (clients.isEmpty() || seconds <= 0 || concurrency <= 0) {
            throw new BadRequestException("client ids, seconds and concurrency are needed");
        }
        UnicastDriver driver = new UnicastDriver(pushOf(transport, stored), clients, payloadBytes);
        UnicastDriver.Sent sent = perSecond > 0 ? driver.atRate(perSecond, seconds, concurrency, threads)
                : driver.atMaximum(concurrency, seconds, threads);
        return sent.json();
    }

    private static InServerPush pushOf(String transport, boolean stored) {
        return switch (transport) {
            case "spdy", "h2" -> pushService(stored ? PushMessage.QualityOfService.AT_LEAST_ONCE
                    : PushMessage.QualityOfService.AT_MOST_ONCE);
            case "ws" -> (clientId, text) -> WebSocketPush.send(clientId, text) >= 0;
            case "sse" -> (clientId, text) -> ServerSentEventsPush.send(clientId, text) >= 0;
            default -> throw new BadRequestException("unknown transport " + transport + " (spdy, h2, ws or sse)");
        };
    }

    private static InServerPush pushService(PushMessage.QualityOfService qos) {
        PushSender pushService;
        try {
            pushService = InitialContext.doLookup(PUSH_SERVICE);
        } catch (NamingException e) {
            throw new IllegalStateException("PushService is not deployed as " + PUSH_SERVICE, e);
        }
        return (clientId, text) -> pushService.send(PushMessage.to(clientId).text(text).qos(qos)).get(0).status()
                == Delivery.Status.ACCEPTED;
    }
}
