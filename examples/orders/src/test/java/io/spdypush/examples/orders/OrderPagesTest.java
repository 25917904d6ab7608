package io.spdypush.examples.orders;

import io.spdypush.api.BusinessRequest;
import io.spdypush.api.BusinessResponse;
import io.spdypush.api.Subresource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** A message-driven bean is a plain class to its unit test: call onRequest with the request a client would send. */
class OrderPagesTest {

    private final OrderBook book = new OrderBook();
    private final OrderPages pages = new OrderPages(book);

    @Test
    void answersTheCustomersOrderWithItsPageAndPushesTheStyleSheet() {
        Order order = book.place("customer-1", "coffee beans");

        BusinessResponse response = pages.onRequest(get("customer-1", "/orders/" + order.id()));

        assertThat(response.status(), is(200));
        assertThat(text(response.body()), containsString("<p class=\"item\">coffee beans</p>"));
        assertThat(response.subresources(), contains(Subresource.pushed(OrderPages.STYLE_SHEET, "text/css",
                OrderPages.CSS)));
    }

    @Test
    void answersTheStyleSheetAskedForOnItsOwn() {
        // A client that listed it in push-have was not pushed it, and asks for it once it no longer has it.
        BusinessResponse response = pages.onRequest(get("customer-1", OrderPages.STYLE_SHEET));

        assertThat(response.status(), is(200));
        assertThat(text(response.body()), is(OrderPages.CSS));
    }

    @Test
    void answersAnotherCustomersOrderWith404() {
        Order order = book.place("customer-1", "coffee beans");

        assertThat(pages.onRequest(get("customer-2", "/orders/" + order.id())).status(), is(404));
    }

    @Test
    void answersAnUnknownOrderWith404() {
        assertThat(pages.onRequest(get("customer-1", "/orders/404")).status(), is(404));
        assertThat(pages.onRequest(get("customer-1", "/orders")).status(), is(404));
    }

    @Test
    void escapesTheItemInThePage() {
        Order order = book.place("customer-1", "<script>alert(1)</script>");

        assertThat(text(pages.onRequest(get("customer-1", "/orders/" + order.id())).body()),
                containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    private static BusinessRequest get(String clientId, String path) {
        return new BusinessRequest(clientId, "session-1", "GET", path, Map.of(), new byte[0]);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
