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
 * parameters {@code id}, {@code ttl} (seconds), {@code collapse}, {@code priority} and {@code qos}.
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

    @QueryParam("qos")
    private String qos;

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
        if (qos != null) {
            result = result.qos(qos(qos));
        }
        return result;
    }

    private static PushMessage.QualityOfService qos(String value) {
        try {
            return PushMessage.QualityOfService.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("qos \"" + value + "\" must be at_least_once or at_most_once");
        }
    }

    private static PushMessage.Priority priority(String value) {
        try {
            return PushMessage.Priority.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority \"" + value + "\" must be high or normal");
        }
    }
}
