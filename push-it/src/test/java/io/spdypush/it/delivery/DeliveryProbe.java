package io.spdypush.it.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The test's way into the server: drives {@link TransactionalSender} and reads receipts, in plain
 * text ("STATUS seq" per delivery, one per line).
 */
@Path("")
public class DeliveryProbe {

    @EJB
    private TransactionalSender sender;

    @EJB
    private PushService push;

    @Inject
    private ReceiptLog receipts;

    @Inject
    private InjectedSender injected;

    /** The probe's REST application, at /it-delivery/api. */
    @ApplicationPath("api")
    public static class ProbeApplication extends Application {
    }

    @POST
    @Path("transactions/{clientId}/{messageId}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String sendInATransaction(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId,
                                     @QueryParam("then") String then, String text) throws Exception {
        return switch (then) {
            case "commit" -> lines(sender.sendAndCommit(clientId, messageId, text));
            case "rollback" -> lines(sender.sendAndRollBack(clientId, messageId, text));
            case "commit-async" -> lines(sender.sendAsyncAndCommit(clientId, messageId, text).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS));
            case "no-transaction-async" -> lines(sender.sendAsyncWithoutTransaction(clientId, messageId, text)
                    .toCompletableFuture().get(20, TimeUnit.SECONDS));
            default -> throw new IllegalArgumentException("then must be commit, rollback, commit-async"
                    + " or no-transaction-async");
        };
    }

    @POST
    @Path("injected/{clientId}/{messageId}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String sendThroughInject(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId,
                                    @QueryParam("as") String as, String text) {
        return lines(injected.send("sender".equals(as), clientId, messageId, text));
    }

    @GET
    @Path("when-done/{clientId}/{messageId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String whenDone(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId)
            throws Exception {
        DeliveryOutcome outcome = push.whenDone(clientId, messageId).toCompletableFuture().get(20, TimeUnit.SECONDS);
        return outcome.state() + " " + outcome.seq();
    }

    @GET
    @Path("receipts/{clientId}/{messageId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String receipts(@PathParam("clientId") String clientId, @PathParam("messageId") String messageId) {
        return String.join("\n", receipts.statesOf(clientId, messageId));
    }

    private static String lines(List<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.status() + " " + delivery.seq())
                .collect(Collectors.joining("\n"));
    }
}
