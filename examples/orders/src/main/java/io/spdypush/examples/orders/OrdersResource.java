package io.spdypush.examples.orders;

import io.spdypush.protocol.ClientIds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Where orders are placed: {@code POST /orders/api/orders} with the form fields {@code customer} (the customer's
 * client id) and {@code item}, answered with the order's id. A real shop knows its customer from the login; the
 * example takes the client id from the form, so that a test can place an order with curl alone.
 */
@Path("orders")
@RequestScoped
public class OrdersResource {

    static final int MAX_ITEM_LENGTH = 200;

    @Inject
    OrderBook book;

    @Inject
    Event<OrderPlaced> placed;

    /**
     * Places the order and fires {@link OrderPlaced} in one transaction, which {@link OrderNotifier} hears once it
     * has committed. Where the shop writes its orders to a database, that write goes in this transaction too.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public Response place(@FormParam("customer") String customer, @FormParam("item") String item) {
        try {
            ClientIds.requireValid(customer);
        } catch (IllegalArgumentException e) {
            return badRequest("customer: " + e.getMessage());
        }
        if (item == null || item.isBlank() || item.length() > MAX_ITEM_LENGTH) {
            return badRequest("item must be 1-" + MAX_ITEM_LENGTH + " characters");
        }
        Order order = book.place(customer, item);
        placed.fire(new OrderPlaced(order));
        return Response.ok(order.id()).build();
    }

    private static Response badRequest(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).entity(reason).build();
    }
}
