package io.spdypush.ejb.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.text.MessageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhooks of the configuration: read as the README says, and a wrong one left out with a line naming why. */
class ConfiguredWebhooksTest {

    private static final String SECRET = "a-secret-of-24-characters";

    private final Map<String, String> settings = new HashMap<>();
    private final List<String> severe = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(ConfiguredWebhooks.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.SEVERE) {
                severe.add(MessageFormat.format(record.getMessage(), record.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void eachNamedWebhookWithItsUrlSecretAndEvents() {
        settings.put("spdypush.webhooks", "orders, audit");
        settings.put("spdypush.webhook.orders.url", "https://backend.example/push-events");
        settings.put("spdypush.webhook.orders.secret", SECRET);
        settings.put("spdypush.webhook.orders.events", "delivered,expired");
        settings.put("spdypush.webhook.audit.url", "http://127.0.0.1:9000/audit");
        settings.put("spdypush.webhook.audit.secret", SECRET);

        List<Webhook> webhooks = read();

        assertEquals(List.of(
                new Webhook("orders", URI.create("https://backend.example/push-events"), SECRET,
                        EnumSet.of(WebhookEventType.DELIVERED, WebhookEventType.EXPIRED), true),
                new Webhook("audit", URI.create("http://127.0.0.1:9000/audit"), SECRET,
                        EnumSet.allOf(WebhookEventType.class), true)), webhooks);
        assertEquals(List.of(), severe);
    }

    @Test
    void theSecretCanComeFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("orders-webhook"), SECRET + "\n");
        settings.put("spdypush.webhooks", "orders");
        settings.put("spdypush.webhook.orders.url", "https://backend.example/push-events");
        settings.put("spdypush.webhook.orders.secretFile", file.toString());

        assertEquals(SECRET, read().get(0).secret());
    }

    @Test
    void aWrongWebhookIsLeftOutWithALineNamingTheSettingAndTheOthersStay() {
        settings.put("spdypush.webhooks", "good,nourl,short,events,bad name,nofile");
        settings.put("spdypush.webhook.good.url", "https://backend.example/ok");
        settings.put("spdypush.webhook.good.secret", SECRET);
        settings.put("spdypush.webhook.nourl.secret", SECRET);
        settings.put("spdypush.webhook.short.url", "https://backend.example/short");
        settings.put("spdypush.webhook.short.secret", "short");
        settings.put("spdypush.webhook.events.url", "https://backend.example/events");
        settings.put("spdypush.webhook.events.secret", SECRET);
        settings.put("spdypush.webhook.events.events", "delivered,opened");
        settings.put("spdypush.webhook.nofile.url", "https://backend.example/nofile");
        settings.put("spdypush.webhook.nofile.secretFile", "/no/such/file");

        List<Webhook> webhooks = read();

        assertEquals(List.of("good"), webhooks.stream().map(Webhook::id).toList());
        assertEquals(5, severe.size(), severe.toString());
        assertTrue(severe.get(0).contains("spdypush.webhook.nourl.url is not set"), severe.get(0));
        assertTrue(severe.get(1).contains("spdypush.webhook.short.secret: secret must be 16-256"), severe.get(1));
        assertTrue(severe.get(2).contains("spdypush.webhook.events.events: unknown event \"opened\""), severe.get(2));
        assertTrue(severe.get(3).contains("a webhook's name is 1-64 letters, digits, _ or -"), severe.get(3));
        assertTrue(severe.get(4).contains("cannot read /no/such/file, named by spdypush.webhook.nofile.secretFile"),
                severe.get(4));
    }

    @Test
    void noneWhenNoneIsNamed() {
        assertEquals(List.of(), read());
    }

    private List<Webhook> read() {
        return ConfiguredWebhooks.read(name -> Optional.ofNullable(settings.get(name)));
    }
}
