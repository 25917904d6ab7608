package io.spdypush.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's orders, the example's stand-in for a database: in memory, and bounded, the oldest going first once
 * it holds {@link #CAPACITY}.
 */
@ApplicationScoped
public class OrderBook {

    static final int CAPACITY = 1000;

    private final Map<String, Order> orders = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > CAPACITY;
        }
    };
    private long lastId;

    public synchronized Order place(String customer, String item) {
        Order order = new Order(Long.toString(++lastId), customer, item);
        orders.put(order.id(), order);
        return order;
    }

    public synchronized Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }
}
