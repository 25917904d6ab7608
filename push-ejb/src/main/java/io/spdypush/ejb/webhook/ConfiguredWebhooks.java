package io.spdypush.ejb.webhook;

import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The webhooks an operator gives in MicroProfile Config (system properties, environment variables, config
 * sources): {@code spdypush.webhooks} names them, comma-separated, and for each name {@code N}
 * <ul>
 *     <li>{@code spdypush.webhook.N.url}, required;</li>
 *     <li>{@code spdypush.webhook.N.secret}, or {@code spdypush.webhook.N.secretFile} naming a file that holds it
 *     (kept out of process listings); required;</li>
 *     <li>{@code spdypush.webhook.N.events}, comma-separated, all when absent.</li>
 * </ul>
 * As environment variables: {@code SPDYPUSH_WEBHOOKS=orders}, {@code SPDYPUSH_WEBHOOK_ORDERS_URL=...}. A webhook
 * given wrongly is logged as SEVERE, saying which setting and why, and left out; the server runs without it.
 */
final class ConfiguredWebhooks {

    static final String NAMES = "spdypush.webhooks";
    private static final Logger LOG = Logger.getLogger(ConfiguredWebhooks.class.getName());
    /** Letters, digits, {@code _} and {@code -}: a name that maps to one environment variable name and no other. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ConfiguredWebhooks() {
    }

    static List<Webhook> read(Config config) {
        List<Webhook> webhooks = new ArrayList<>();
        for (String name : config.getOptionalValue(NAMES, String.class).orElse("").split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                webhooks.add(read(config, trimmed));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.SEVERE, "Webhook \"{0}\" (named in {1}) is left out: {2}",
                        new Object[]{trimmed, NAMES, e.getMessage()});
            }
        }
        return webhooks;
    }

    private static Webhook read(Config config, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a webhook's name is 1-64 letters, digits, _ or -");
        }
        String prefix = "spdypush.webhook." + name + ".";
        String url = config.getOptionalValue(prefix + "url", String.class)
                .orElseThrow(() -> new IllegalArgumentException(prefix + "url is not set"));
        String secret = config.getOptionalValue(prefix + "secret", String.class)
                .or(() -> secretFile(config, prefix + "secretFile"))
                .orElseThrow(() -> new IllegalArgumentException(prefix + "secret (or " + prefix
                        + "secretFile) is not set"));
        return new Webhook(name, field(prefix + "url", () -> Webhook.url(url)),
                field(prefix + "secret", () -> Webhook.secret(secret)),
                field(prefix + "events", () -> WebhookEventType.parseList(
                        config.getOptionalValue(prefix + "events", String.class).orElse(""))),
                true);
    }

    private static Optional<String> secretFile(Config config, String setting) {
        return config.getOptionalValue(setting, String.class).map(file -> {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ", named by " + setting + ": " + e);
            }
        });
    }

    private static <T> T field(String setting, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }
}
