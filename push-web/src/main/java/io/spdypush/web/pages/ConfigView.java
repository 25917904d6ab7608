package io.spdypush.web.pages;

import io.spdypush.api.AdapterSetting;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

/**
 * Backs the configuration page: the resource adapter's config properties as the adapter runs with
 * them (after ra.xml defaults, asadmin and system properties), and every {@code spdypush.*}
 * MicroProfile Config value the server sees (system properties, environment, config sources).
 * Whatever may be a secret is masked.
 */
@Named
@RequestScoped
public class ConfigView {

    /** A name with one of these (lower case) in it may hold a secret. */
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "hash", "key", "token");
    static final String MASKED = "•••••• (set, hidden)";

    @EJB
    private PushService push;

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

    /** The adapter's settings, by name, with where each value comes from. */
    public List<AdapterSetting> getAdapterSettings() {
        return push.adapterSettings().stream()
                .map(setting -> new AdapterSetting(setting.name(), shown(setting.name(), setting.value()),
                        setting.origin()))
                .toList();
    }

    static String shown(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = SECRET_WORDS.stream().anyMatch(lower::contains);
        return secret && !value.isEmpty() ? MASKED : value;
    }
}
