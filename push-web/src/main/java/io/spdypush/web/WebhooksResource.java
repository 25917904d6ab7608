package io.spdypush.web;

import io.spdypush.ejb.webhook.Webhook;
import io.spdypush.ejb.webhook.WebhookEventType;
import io.spdypush.ejb.webhook.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.StringReader;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * {@code /push/api/webhooks}: the HTTP endpoints told of messages' outcomes and of sessions (README, "Webhooks").
 * {@code GET} lists them with how each is served, {@code POST} registers one, {@code DELETE /{id}} removes one.
 */
@Path("webhooks")
@Tag(name = "webhooks", description = "HTTP endpoints told of outcomes and sessions")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class WebhooksResource {

    private static final int MAX_BODY_CHARS = 8192;

    @Inject
    private Webhooks webhooks;

    @GET
    @Operation(summary = "Every webhook, the configured ones first, with how it is being served",
            description = "queued, delivered, failedCalls and dropped count events since this server started;"
                    + " secrets are never shown")
    @APIResponse(responseCode = "200", description = "the webhooks")
    public List<WebhookJson> list() {
        return webhooks.all().stream().map(served -> WebhookJson.of(served.webhook(), served.stats())).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook, for every node of a cluster",
            description = "Its events are POSTed to url as {\"webhook\": id, \"events\": [...]}, signed with the"
                    + " secret (made when left out, and shown only in this answer). events defaults to all: "
                    + "delivered, expired, refused, collapsed, cancelled, session.opened, session.closed.")
    @RequestBody(description = "{\"url\": \"https://...\", \"secret\": \"16-256 characters\", \"events\": [...]}")
    @APIResponse(responseCode = "201", description = "registered; the answer carries its secret, this once")
    @APIResponse(responseCode = "400", description = "the body, url, secret or events is invalid; field names it")
    public Response register(String body) {
        JsonObject json = parse(body);
        Webhook webhook = webhooks.register(
                BadParameterException.naming("url", () -> Webhook.url(text(json, "url"))),
                BadParameterException.naming("secret", () -> Webhook.secret(text(json, "secret"))),
                BadParameterException.naming("events", () -> WebhookEventType.parseList(events(json))));
        return Response.created(UriBuilder.fromResource(WebhooksResource.class).path(webhook.id()).build())
                .entity(WebhookJson.registered(webhook)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a registered webhook; it is called no more, here at once, on other nodes within 10 s")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such webhook")
    @APIResponse(responseCode = "409", description = "it comes from the configuration, where it must be removed")
    public Response remove(@PathParam("id") String id) {
        try {
            webhooks.remove(id);
            return Response.noContent().build();
        } catch (NoSuchElementException e) {
            return ErrorJson.response(Response.Status.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            return ErrorJson.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadParameterException("body", "the body must be a JSON object with at least \"url\"");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new BadParameterException("body", "the body is longer than " + MAX_BODY_CHARS + " characters");
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadParameterException("body", "the body is not a JSON object: " + e.getMessage());
        }
    }

    /** A string member, null when absent or null. */
    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadParameterException(name, name + " must be a string");
    }

    /** The {@code events} array as the comma-separated list the settings use; null when absent. */
    private static String events(JsonObject json) {
        JsonValue value = json.get("events");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()
                || !value.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
            throw new BadParameterException("events", "events must be a non-empty array of event names");
        }
        return value.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(Collectors.joining(","));
    }
}
