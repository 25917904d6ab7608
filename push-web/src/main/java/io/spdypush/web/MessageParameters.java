package io.spdypush.web;

import io.spdypush.api.PushMessage;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.Locale;

/**
 * The request parts shared by every send endpoint: the {@code Content-Type} header, and the query
 * parameters {@code id}, {@code ttl} (seconds), {@code collapse} and {@code priority}.
 */
public class MessageParameters {

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    private String contentType;

    @QueryParam("id")
    private String id;

    @QueryParam("ttl")
    private Long ttlSeconds;

    @QueryParam("collapse")
    private String collapseKey;

    @QueryParam("priority")
    private String priority;

    /** {@code message} with the payload and the options of this request. */
    PushMessage applyTo(PushMessage message, byte[] payload) {
        PushMessage result = message.bytes(contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType,
                payload);
        if (id != null) {
            result = result.id(id);
        }
        if (ttlSeconds != null) {
            if (ttlSeconds <= 0) {
                throw new IllegalArgumentException("ttl " + ttlSeconds + " must be a positive number of seconds");
            }
            result = result.ttl(Duration.ofSeconds(ttlSeconds));
        }
        if (collapseKey != null) {
            result = result.collapseKey(collapseKey);
        }
        if (priority != null) {
            result = result.priority(priority(priority));
        }
        return result;
    }

    private static PushMessage.Priority priority(String value) {
        try {
            return PushMessage.Priority.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority \"" + value + "\" must be high or normal");
        }
    }
}
