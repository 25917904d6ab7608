package io.spdypush.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

/**
 * Backs the configuration page: every {@code spdypush.*} MicroProfile Config value the server
 * sees (system properties, environment, config sources), which includes the adapter's properties
 * given as {@code spdypush.<name>}. Secrets are masked.
 */
@Named
@RequestScoped
public class ConfigView {

    /** A name with one of these (lower case) in it holds a secret. */
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "hash");

    public record Entry(String name, String value) {
    }

    public List<Entry> getEntries() {
        Config config = ConfigProvider.getConfig();
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("spdypush."))
                .distinct().sorted()
                .map(name -> new Entry(name, shown(name, config.getOptionalValue(name, String.class).orElse(""))))
                .toList();
    }

    static String shown(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = SECRET_WORDS.stream().anyMatch(lower::contains);
        return secret && !value.isEmpty() ? "•••••• (set, hidden)" : value;
    }
}
