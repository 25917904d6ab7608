package io.spdypush.rar.jca;

/**
 * Reads one adapter setting: the system property {@code spdypush.<name>} when set (how an
 * adapter embedded in an EAR is configured without repackaging), else the config property.
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

    private static IllegalArgumentException notANumber(String name) {
        return new IllegalArgumentException("\"" + System.getProperty(PREFIX + name) + "\" is not a valid whole number"
                + " (system property " + PREFIX + name + ")");
    }
}
