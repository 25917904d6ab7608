package io.spdypush.web;

import io.spdypush.api.PushMessage;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The request parts shared by every send endpoint: the {@code Content-Type} header, and the query
 * parameters {@code id}, {@code ttl} (seconds), {@code collapse}, {@code priority} and {@code qos}.
 * The fields are package-private for tests; JAX-RS sets them.
 */
public class MessageParameters {

    /**
     * The options, for the OpenAPI description of each send endpoint: Payara's OpenAPI fails on
     * {@code @Parameter} annotations on the fields of a bean parameter.
     */
    static final String OPTIONS = "Query options: id (message id, default a random UUID), ttl (seconds until it"
            + " expires unsent), collapse (replaces a not yet sent message of the client with the same key),"
            + " priority (high or normal), qos (to client ids at_least_once, the default: stored and redelivered"
            + " until acknowledged, or at_most_once; to a topic or everyone only at_most_once, the default).";

    /** A year: beyond that, an expiry means nothing in practice, and far beyond, Instant overflows. */
    static final long MAX_TTL_SECONDS = 366L * 24 * 3600;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @QueryParam("id")
    String id;

    @QueryParam("ttl")
    String ttlSeconds;

    @QueryParam("collapse")
    String collapseKey;

    @QueryParam("priority")
    String priority;

    @QueryParam("qos")
    String qos;

    /** {@code message} with the payload and the options of this request; a bad one is named in the 400. */
    PushMessage applyTo(PushMessage message, byte[] payload) {
        PushMessage result = BadParameterException.naming(HttpHeaders.CONTENT_TYPE, () -> message.bytes(
                contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType, payload));
        if (id != null) {
            result = withField("id", result, m -> m.id(id));
        }
        if (ttlSeconds != null) {
            long ttl = BadParameterException.number("ttl", ttlSeconds, 0, 1, MAX_TTL_SECONDS);
            result = result.ttl(Duration.ofSeconds(ttl));
        }
        if (collapseKey != null) {
            result = withField("collapse", result, m -> m.collapseKey(collapseKey));
        }
        if (priority != null) {
            result = result.priority(priority(priority));
        }
        if (qos != null) {
            PushMessage.QualityOfService quality = qos(qos);
            result = withField("qos", result, m -> m.qos(quality)); // at least once: only to client ids
        }
        return result;
    }

    private static PushMessage withField(String field, PushMessage message, UnaryOperator<PushMessage> option) {
        return BadParameterException.naming(field, () -> option.apply(message));
    }

    private static PushMessage.QualityOfService qos(String value) {
        try {
            return PushMessage.QualityOfService.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("qos", "qos \"" + value + "\" must be at_least_once or at_most_once");
        }
    }

    private static PushMessage.Priority priority(String value) {
        try {
            return PushMessage.Priority.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("priority", "priority \"" + value + "\" must be high or normal");
        }
    }
}
