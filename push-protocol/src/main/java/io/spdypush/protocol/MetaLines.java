package io.spdypush.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The meta section of a push packet (docs/PROTOCOL.md §2): UTF-8 lines {@code "name: value\n"}, names lowercase.
 * {@link #ID} and {@link #CONTENT_TYPE} are required; a client ignores names it does not know.
 */
public final class MetaLines {

    public static final String ID = "id";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TOPIC = "topic";
    /** Epoch milliseconds. */
    public static final String EXPIRES = "expires";
    public static final String COLLAPSE = "collapse";
    /** {@code high} or {@code normal}. */
    public static final String PRIORITY = "priority";

    private MetaLines() {
    }

    /** Appends the line {@code name: value\n}. */
    public static StringBuilder append(StringBuilder meta, String name, Object value) {
        return meta.append(name).append(": ").append(value).append('\n');
    }

    /**
     * Parses the lines of a packet's meta, already decoded from UTF-8; names are taken in lowercase, one space
     * after the colon is dropped, a last line may lack its {@code \n}.
     *
     * @throws IllegalArgumentException when a line is not {@code name: value} or a required name is missing
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> meta = new LinkedHashMap<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("meta line '" + line + "' is not 'name: value'");
            }
            String value = line.substring(colon + 1);
            meta.put(line.substring(0, colon).toLowerCase(Locale.ROOT),
                    value.startsWith(" ") ? value.substring(1) : value);
            lineStart = lineEnd + 1;
        }
        for (String required : new String[] {ID, CONTENT_TYPE}) {
            if (!meta.containsKey(required)) {
                throw new IllegalArgumentException("lacks the required meta '" + required + "'");
            }
        }
        return meta;
    }
}
