package io.spdypush.examples.orders;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.PushListener;
import io.spdypush.api.Subresource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Answers a customer's business requests for {@code /orders/{id}} with the order's page, and pushes the page's
 * style sheet with it on the same connection, so that the app shows the page without asking again. Bound to the
 * push server's resource adapter ({@code push-rar}) by an activation property, it gets every request whose path
 * starts with {@code /orders}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "push-rar"),
        @ActivationConfigProperty(propertyName = "pathPrefix", propertyValue = OrderPages.PATH_PREFIX)})
public class OrderPages implements PushListener {

    static final String PATH_PREFIX = "/orders";
    static final String STYLE_SHEET = PATH_PREFIX + "/orders.css";
    static final String CSS = "body { font-family: sans-serif } .item { font-weight: bold }";

    @Inject
    OrderBook book;

    public OrderPages() {
    }

    /** For unit tests. */
    OrderPages(OrderBook book) {
        this.book = book;
    }

    @Override
    public BusinessResponse onRequest(BusinessRequest request) {
        if (request.path().equals(STYLE_SHEET)) {
            return BusinessResponse.ok("text/css", CSS);
        }
        // The client id is the one the client's token was minted for: a customer sees only their own orders.
        String id = request.path().startsWith(PATH_PREFIX + "/") ? request.path().substring(PATH_PREFIX.length() + 1)
                : "";
        Optional<Order> order = book.find(id)
                .filter(found -> found.customer().equals(request.clientId()));
        if (order.isEmpty()) {
            return BusinessResponse.plainText(404, "no order at " + request.path());
        }
        return BusinessResponse.ok("text/html; charset=utf-8", page(order.get()))
                .withSubresource(Subresource.pushed(STYLE_SHEET, "text/css", CSS));
    }

    private static String page(Order order) {
        return "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"" + STYLE_SHEET + "\"></head>"
                + "<body><h1>Order " + html(order.id()) + "</h1><p class=\"item\">" + html(order.item())
                + "</p></body></html>";
    }

    /** The item is the customer's own text: escaped, so that it cannot add markup to the page. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
