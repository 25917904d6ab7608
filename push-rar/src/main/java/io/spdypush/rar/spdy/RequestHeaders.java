package io.spdypush.rar.spdy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A request's headers as the application sees them (docs/PROTOCOL.md §3.2), from any transport's header block. */
final class RequestHeaders {

    private RequestHeaders() {
    }

    /** The headers without pseudo-headers ({@code :path} ...), names lowercase, several values joined with ", ". */
    static Map<String, String> of(Iterator<Map.Entry<CharSequence, CharSequence>> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            String name = header.getKey().toString().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":")) {
                result.merge(name, header.getValue().toString(), (first, next) -> first + ", " + next);
            }
        }
        return result;
    }
}
