package io.spdypush.examples.orders;

import io.spdypush.client.PushClient;
import io.spdypush.client.PushSession;
import io.spdypush.client.PushedResource;
import io.spdypush.client.ReceivedMessage;
import io.spdypush.client.Response;
import io.spdypush.protocol.Tokens;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The shop on Payara Micro, beside the push server (push-rar.rar and push.war, deployed by
 * post-boot-commands.txt), driven as its customers' apps would: a client of the SDK connects with a token, an
 * order placed over HTTP is pushed to it, and its business request for the order's page is answered with the
 * style sheet pushed.
 */
@ExtendWith(ArquillianExtension.class)
class OrdersIT {

    private static final int WAIT_SECONDS = 20;

    /** Payara's HTTP address (a random port); Micro holds three applications, so only its host and port are used. */
    @ArquillianResource
    private URL server;

    /** The WAR the build made, as it is shipped; the test runs outside, as a client (testable = false). */
    @Deployment(testable = false)
    static WebArchive shop() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("orders.war")));
    }

    @Test
    void aPlacedOrderIsPushedToItsCustomer() throws Exception {
        BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
        try (PushClient app = customersApp("customer-1").listener(received::add).build()) {
            app.connect().get(WAIT_SECONDS, SECONDS);

            String orderId = placeOrder("customer-1", "coffee beans");

            ReceivedMessage message = received.poll(WAIT_SECONDS, SECONDS);
            assertThat("the push of the placed order arrives", message, notNullValue());
            assertThat(message.text(), is("Order " + orderId + " is placed: coffee beans"));
            assertThat(message.id(), is("order-" + orderId));
        }
    }

    @Test
    void theOrdersPageComesWithItsStyleSheetPushed() throws Exception {
        try (PushClient app = customersApp("customer-2").listener(message -> { }).build()) {
            PushSession session = app.connect().get(WAIT_SECONDS, SECONDS);
            String orderId = placeOrder("customer-2", "green tea");

            Response page = session.request("/orders/" + orderId).get(WAIT_SECONDS, SECONDS);

            assertThat(page.status(), is(200));
            assertThat(page.text(), containsString("<p class=\"item\">green tea</p>"));
            assertThat(page.subresourceTags(), contains("/orders/orders.css"));
            assertThat(page.subresources(), hasSize(1));
            PushedResource styleSheet = page.subresources().get(0);
            assertThat(styleSheet.path(), is("/orders/orders.css"));
            assertThat(styleSheet.contentType(), startsWith("text/css"));
            assertThat(styleSheet.text(), containsString("font-family"));
        }
    }

    /** Places an order through the shop's HTTP API, as its web site would; returns the order's id. */
    private String placeOrder(String customer, String item) throws Exception {
        URI orders = new URI(server.getProtocol(), null, server.getHost(), server.getPort(), "/orders/api/orders",
                null, null);
        HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(orders)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("customer=" + URLEncoder.encode(customer, UTF_8)
                        + "&item=" + URLEncoder.encode(item, UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.body(), placed.statusCode(), is(200));
        return placed.body();
    }

    /**
     * A customer's app, connecting to the adapter's SPDY port with a token. The test mints it from the adapter's
     * secret; a shop's server would hand its customer's app one from {@code PushSender.mintToken}.
     */
    private static PushClient.Builder customersApp(String clientId) {
        long expiry = Instant.now().plusSeconds(300).getEpochSecond();
        return PushClient.builder()
                .server("127.0.0.1", Integer.getInteger("orders.spdyPort"))
                .clientId(clientId)
                .token(Tokens.mint(System.getProperty("orders.tokenSecret"), clientId, expiry));
    }
}
