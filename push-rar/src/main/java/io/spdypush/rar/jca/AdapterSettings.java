package io.spdypush.rar.jca;

import io.spdypush.api.AdapterSetting;
import jakarta.resource.spi.ConfigProperty;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads one adapter setting: the system property {@code spdypush.<name>} when set (how an
 * adapter embedded in an EAR is configured without repackaging), else the config property;
 * and lists them all as they are in effect, for the pages.
 */
final class AdapterSettings {

    static final String PREFIX = "spdypush.";

    private AdapterSettings() {
    }

    static String string(String name, String configured) {
        return System.getProperty(PREFIX + name, configured);
    }

    static int integer(String name, int configured) {
        long value = longValue(name, configured);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw notANumber(name);
        }
        return (int) value;
    }

    static long longValue(String name, long configured) {
        String override = System.getProperty(PREFIX + name);
        if (override == null) {
            return configured;
        }
        try {
            return Long.parseLong(override.trim());
        } catch (NumberFormatException e) {
            throw notANumber(name);
        }
    }

    /**
     * Every config property of {@code adapter} (its fields annotated {@link ConfigProperty}) as it is
     * in effect, ordered by name: the system property when set, else the config property; confidential
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
            String origin = System.getProperty(PREFIX + name) != null ? "system property " + PREFIX + name
                    : configured.equals(property.defaultValue()) ? "default" : "resource adapter config property";
            settings.add(new AdapterSetting(name, property.confidential() && !value.isEmpty() ? AdapterSetting.HIDDEN
                    : value, origin));
        }
        settings.sort(Comparator.comparing(AdapterSetting::name));
        return List.copyOf(settings);
    }

    private static Object valueOf(Field field, Object adapter) {
        try {
            field.setAccessible(true);
            return field.get(adapter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read config property " + field.getName() + ": " + e, e);
        }
    }

    private static IllegalArgumentException notANumber(String name) {
        return new IllegalArgumentException("\"" + System.getProperty(PREFIX + name) + "\" is not a valid whole number"
                + " (system property " + PREFIX + name + ")");
    }
}
