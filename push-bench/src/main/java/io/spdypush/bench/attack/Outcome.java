package io.spdypush.bench.attack;

import java.util.List;
import java.util.Locale;

/**
 * What the server answered an attack.
 *
 * @param answered     what was seen, in a sentence with its figures
 * @param asDocumented whether that is the refusal README.md documents for it
 */
record Outcome(String answered, boolean asDocumented) {

    /** "p50 1.02 s, max 1.10 s" of some durations in seconds, or "none". */
    static String spread(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "none";
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %.2f s, max %.2f s", sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }
}
