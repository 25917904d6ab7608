package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import jakarta.resource.spi.ConfigProperty;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one adapter setting: as given by a system property, an environment variable or a file
 * ({@link SettingSources}: how an adapter embedded in an EAR is configured without repackaging,
 * and how a container is), else the config property; and lists them all as they are in effect,
 * with where each came from, for the pages.
 */
final class AdapterSettings {

    private AdapterSettings() {
    }

    static String string(String name, String configured) {
        return SettingSources.OF_PROCESS.given(name).map(SettingSources.Given::value).orElse(configured);
    }

    static int integer(String name, int configured) {
        long value = longValue(name, configured);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw notANumber(SettingSources.OF_PROCESS.given(name).orElseThrow());
        }
        return (int) value;
    }

    static long longValue(String name, long configured) {
        Optional<SettingSources.Given> given = SettingSources.OF_PROCESS.given(name);
        if (given.isEmpty()) {
            return configured;
        }
        try {
            return Long.parseLong(given.get().value().trim());
        } catch (NumberFormatException e) {
            throw notANumber(given.get());
        }
    }

    /** {@code true} or {@code false}, in any case; any other value given outside is an error naming where it was given. */
    static boolean bool(String name, boolean configured) {
        Optional<SettingSources.Given> given = SettingSources.OF_PROCESS.given(name);
        if (given.isEmpty()) {
            return configured;
        }
        String value = given.get().value().trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("\"" + value + "\" is neither true nor false (" + given.get().origin()
                    + ")");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * Every config property of {@code adapter} (its fields annotated {@link ConfigProperty}) as it is
     * in effect, ordered by name: as given outside when it is, else the config property; confidential
     * values hidden. {@code whenEmpty} gives, for a property left empty, what the adapter uses
     * instead, with its origin.
     */
    static List<AdapterSetting> inEffect(Object adapter, Map<String, AdapterSetting> whenEmpty) {
        List<AdapterSetting> settings = new ArrayList<>();
        for (Field field : adapter.getClass().getDeclaredFields()) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            if (property == null) {
                continue;
            }
            String name = field.getName();
            String configured = String.valueOf(valueOf(field, adapter));
            String value = Number.class.isAssignableFrom(field.getType())
                    ? Long.toString(longValue(name, Long.parseLong(configured))) : string(name, configured);
            if (value.isEmpty() && whenEmpty.containsKey(name)) {
                settings.add(whenEmpty.get(name));
                continue;
            }
            String origin = SettingSources.OF_PROCESS.given(name).map(SettingSources.Given::origin)
                    .orElse(configured.equals(property.defaultValue()) ? "default" : "resource adapter config property");
            settings.add(new AdapterSetting(name, property.confidential() && !value.isEmpty() ? AdapterSetting.HIDDEN
                    : value, origin));
        }
        settings.sort(Comparator.comparing(AdapterSetting::name));
        return List.copyOf(settings);
    }

    /**
     * The record {@code type} built from the adapter's config properties in effect, one per component, in order:
     * a component {@code name} of type {@link Duration} from the property {@code nameSeconds}, any other from the
     * property {@code name}. So a new setting is a config property and a component, with nothing in between.
     *
     * @throws IllegalArgumentException what the record's constructor throws for a value out of range
     * @throws IllegalStateException    when a component has no config property
     */
    static <R extends Record> R record(Class<R> type, Object adapter) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = inEffect(components[i], adapter);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static Object inEffect(RecordComponent component, Object adapter) {
        Class<?> type = component.getType();
        String name = type == Duration.class ? component.getName() + "Seconds" : component.getName();
        Object configured;
        try {
            configured = valueOf(adapter.getClass().getDeclaredField(name), adapter);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(component.getDeclaringRecord().getSimpleName() + "." + component.getName()
                    + " has no config property " + name + " in " + adapter.getClass().getSimpleName(), e);
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(integer(name, (Integer) configured));
        }
        if (type == int.class) {
            return integer(name, (Integer) configured);
        }
        if (type == long.class) {
            return longValue(name, (Long) configured);
        }
        if (type == boolean.class) {
            return bool(name, (Boolean) configured);
        }
        return string(name, (String) configured);
    }

    private static Object valueOf(Field field, Object adapter) {
        try {
            field.setAccessible(true);
            return field.get(adapter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read config property " + field.getName() + ": " + e, e);
        }
    }

    private static IllegalArgumentException notANumber(SettingSources.Given given) {
        return new IllegalArgumentException("\"" + given.value() + "\" is not a valid whole number (" + given.origin()
                + ")");
    }
}
