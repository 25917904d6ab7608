package io.spdypush.examples.orders;

import io.spdypush.api.PushMessage;
import io.spdypush.testkit.RecordingPushSender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * How to test your own code that pushes without a server: give it push-testkit's RecordingPushSender instead of
 * PushService, and look at what it sent.
 */
class OrderNotifierTest {

    private final RecordingPushSender push = new RecordingPushSender();
    private final OrderNotifier notifier = new OrderNotifier(push);

    @Test
    void tellsTheCustomerTheirOrderIsPlaced() {
        notifier.orderPlaced(new OrderPlaced(new Order("7", "customer-1", "coffee beans")));

        assertThat(push.sentTo("customer-1"), hasSize(1));
        PushMessage message = push.sentTo("customer-1").get(0);
        assertThat(new String(message.payload(), StandardCharsets.UTF_8), is("Order 7 is placed: coffee beans"));
        assertThat(message.id(), is("order-7"));
        assertThat("kept for a customer who is offline now", message.expires(),
                greaterThan(Instant.now().plus(OrderNotifier.KEPT_FOR).minusSeconds(60)));
    }

    @Test
    void tellsNoOtherCustomer() {
        push.online("customer-2");

        notifier.orderPlaced(new OrderPlaced(new Order("8", "customer-1", "tea")));

        assertThat(push.sentTo("customer-2"), is(empty()));
    }

    @Test
    void logsACustomerNotToldBecauseThePushWasRefused() {
        push.refusing("outbox full");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(OrderNotifier.class.getName());
        log.addHandler(recorder);
        try {
            notifier.orderPlaced(new OrderPlaced(new Order("9", "customer-1", "tea")));
        } finally {
            log.removeHandler(recorder);
        }

        assertThat(logged, hasSize(1));
        assertThat(logged.get(0).getLevel(), is(Level.WARNING));
        assertThat(new SimpleFormatter().formatMessage(logged.get(0)),
                is("Customer customer-1 is not told of order 9: outbox full"));
    }
}
