package io.spdypush.rar.jca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an adapter setting {@code name} can be given outside the resource adapter's config properties, in this
 * order: the system property {@code spdypush.<name>}; the environment variable named as MicroProfile Config names
 * it ({@code spdypush.<name>}, then with every character that is not a letter or a digit as {@code _}, then that
 * in upper case: {@code SPDYPUSH_TOKENSECRET}); then a file named by {@code spdypush.<name>File} the same two ways,
 * whose content, without the line end, is the value: a secret kept in a file does not show in process listings.
 */
final class SettingSources {

    static final String PREFIX = "spdypush.";
    private static final String FILE_SUFFIX = "File";

    /** A value and where it came from, as the configuration page shows it. */
    record Given(String value, String origin) {
    }

    /** The process's own system properties and environment. */
    static final SettingSources OF_PROCESS = new SettingSources(System::getProperty, System.getenv());

    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;

    SettingSources(Function<String, String> systemProperties, Map<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** The setting as given outside the config properties, or empty. */
    Optional<Given> given(String name) {
        return direct(name).or(() -> direct(name + FILE_SUFFIX).map(SettingSources::readFile));
    }

    private Optional<Given> direct(String name) {
        String property = PREFIX + name;
        String value = systemProperties.apply(property);
        if (value != null) {
            return Optional.of(new Given(value, "system property " + property));
        }
        String underscored = property.replaceAll("[^A-Za-z0-9]", "_");
        for (String variable : List.of(property, underscored, underscored.toUpperCase(Locale.ROOT))) {
            String fromEnvironment = environment.get(variable);
            if (fromEnvironment != null) {
                return Optional.of(new Given(fromEnvironment, "environment variable " + variable));
            }
        }
        return Optional.empty();
    }

    private static Given readFile(Given file) {
        Path path = Path.of(file.value());
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            return new Given(content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content,
                    "file " + path + " (" + file.origin() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ", named by " + file.origin() + ": " + e, e);
        }
    }
}
