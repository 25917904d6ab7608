package io.spdypush.client;

import io.netty.handler.codec.Headers;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The head of the server's answer on a stream, whatever the transport (docs/PROTOCOL.md §2, §3, §10): its status and
 * its headers by lowercase name, the values of a repeated header joined with ", " as in HTTP. What only frames the
 * transport (pseudo-headers, HTTP/1.1's connection headers) is left out; the order is the server's.
 *
 * @param status the status, or {@link #NO_STATUS} when the answer has none that can be read
 */
record Reply(int status, Map<String, String> headers) {

    static final int STATUS_OK = 200;
    static final int NO_STATUS = -1;
    static final String STATUS = ":status";
    static final String PATH = ":path";

    /** HTTP/1.1's headers about its connection, which SPDY and HTTP/2 do not have (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade");

    Reply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A SPDY/3 or HTTP/2 header block: the status from {@code :status} ("200" or "200 OK"). */
    static Reply of(Headers<CharSequence, CharSequence, ?> block) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (CharSequence name : block.names()) {
            String key = name.toString();
            if (!key.startsWith(":")) {
                byName.put(key, joined(block.getAll(name)));
            }
        }
        CharSequence status = block.get(STATUS);
        return new Reply(status == null ? NO_STATUS : statusCode(status.toString()), byName);
    }

    /** An HTTP/1.1 response head. */
    static Reply of(HttpResponse response) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!CONNECTION_HEADERS.contains(key)) {
                byName.put(key, joined(response.headers().getAll(name)));
            }
        }
        return new Reply(response.status().code(), byName);
    }

    /** The header's value, or null. */
    String header(String name) {
        return headers.get(name);
    }

    /** A header holding a non-negative decimal integer, or empty when it is absent or not one. */
    OptionalLong longHeader(String name) {
        String value = headers.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? OptionalLong.empty() : OptionalLong.of(parsed);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static int statusCode(String value) {
        int space = value.indexOf(' ');
        try {
            return Integer.parseInt(space < 0 ? value : value.substring(0, space));
        } catch (NumberFormatException e) {
            return NO_STATUS;
        }
    }

    private static String joined(List<? extends CharSequence> values) {
        return String.join(", ", values);
    }
}
