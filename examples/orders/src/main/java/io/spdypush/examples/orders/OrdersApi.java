package io.spdypush.examples.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop's HTTP API under {@code /orders/api}: {@link OrdersResource}. */
@ApplicationPath("api")
public class OrdersApi extends Application {
}
