package io.spdypush.web;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A request parameter, header or path segment that is wrong: a 400 whose JSON names it in {@code field}. */
public class BadParameterException extends IllegalArgumentException {

    private final String field;

    public BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Runs a step that reads {@code field}, turning its refusal into one that names the field. */
    static <T> T naming(String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (BadParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(field, e.getMessage());
        }
    }

    /** A whole number in {@code min..max}, or {@code defaultValue} when the parameter is absent. */
    static long number(String field, String value, long defaultValue, long min, long max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(field, field + " \"" + shortened(value) + "\" is not a whole number");
        }
        if (number < min || number > max) {
            throw new BadParameterException(field, field + " " + number + " is out of range " + min + "-" + max);
        }
        return number;
    }

    /**
     * The {@code search} prefix of a listing, empty when absent; it must be the start of a valid name.
     *
     * @param rule what a valid name is, for the 400
     */
    static String searchPrefix(String search, Predicate<String> isValidName, String rule) {
        if (search == null || search.isEmpty()) {
            return "";
        }
        if (!isValidName.test(search)) {
            throw new BadParameterException("search", "search must be the start of " + rule);
        }
        return search;
    }

    /**
     * Refuses a name that is not in {@code known}: a misspelt option would otherwise be ignored, and a misspelt
     * {@code to} would turn a message to one client into one to everyone.
     *
     * @param what what the names are, for the 400: "query parameter", "member"
     */
    static void onlyKnown(Iterable<String> names, List<String> known, String what) {
        for (String name : names) {
            if (!known.contains(name)) {
                throw new BadParameterException(shortened(name), "unknown " + what + " \"" + shortened(name)
                        + "\"; this call takes " + String.join(", ", known));
            }
        }
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
