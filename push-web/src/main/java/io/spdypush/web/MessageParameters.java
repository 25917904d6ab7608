package io.spdypush.web;

import io.spdypush.api.PushMessage;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The request parts shared by every send endpoint: the {@code Content-Type} header, and the query
 * parameters {@code id}, {@code ttl} (seconds), {@code collapse}, {@code priority} and {@code qos}.
 * Read by {@link #of}, not as a {@code @BeanParam}: JAX-RS builds a bean parameter through HK2 on every request,
 * a tenth of the server's CPU per one-message call in a profile. The fields are package-private for tests.
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

    String contentType;

    String id;

    String ttlSeconds;

    String collapseKey;

    String priority;

    String qos;

    /** The query options, in the order a 400 for an unknown one lists them. */
    static final List<String> NAMES = List.of("id", "ttl", "collapse", "priority", "qos");

    /**
     * The options of a request: its {@code Content-Type} and the first value of each query option; a query
     * parameter that is neither an option nor one of {@code endpointNames} is a 400 naming it.
     */
    static MessageParameters of(HttpHeaders headers, UriInfo uri, String... endpointNames) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (!query.isEmpty()) {
            List<String> known = new ArrayList<>(NAMES);
            known.addAll(List.of(endpointNames));
            BadParameterException.onlyKnown(query.keySet(), known, "query parameter");
        }
        MessageParameters parameters = new MessageParameters();
        parameters.contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        parameters.id = query.getFirst("id");
        parameters.ttlSeconds = query.getFirst("ttl");
        parameters.collapseKey = query.getFirst("collapse");
        parameters.priority = query.getFirst("priority");
        parameters.qos = query.getFirst("qos");
        return parameters;
    }

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
