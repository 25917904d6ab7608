package io.spdypush.rar.statistics;

import java.util.Locale;

/** The one spelling of a counted kind outside the adapter: lowercase with dashes, e.g. {@code outbox-full}. */
public final class KindLabels {

    private KindLabels() {
    }

    public static String of(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
