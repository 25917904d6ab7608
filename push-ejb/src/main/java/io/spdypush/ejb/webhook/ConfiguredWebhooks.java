package io.spdypush.ejb.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    /** @param config a setting's value by its name, as MicroProfile Config has it */
    static List<Webhook> read(Function<String, Optional<String>> config) {
        List<Webhook> webhooks = new ArrayList<>();
        for (String name : config.apply(NAMES).orElse("").split(",")) {
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

    private static Webhook read(Function<String, Optional<String>> config, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a webhook's name is 1-64 letters, digits, _ or -");
        }
        String prefix = "spdypush.webhook." + name + ".";
        String url = config.apply(prefix + "url")
                .orElseThrow(() -> new IllegalArgumentException(prefix + "url is not set"));
        String secret = config.apply(prefix + "secret")
                .or(() -> secretFile(config, prefix + "secretFile"))
                .orElseThrow(() -> new IllegalArgumentException(prefix + "secret (or " + prefix
                        + "secretFile) is not set"));
        return new Webhook(name, field(prefix + "url", () -> Webhook.url(url)),
                field(prefix + "secret", () -> Webhook.secret(secret)),
                field(prefix + "events", () -> WebhookEventType.parseList(config.apply(prefix + "events").orElse(""))),
                true);
    }

    private static Optional<String> secretFile(Function<String, Optional<String>> config, String setting) {
        return config.apply(setting).map(file -> {
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
