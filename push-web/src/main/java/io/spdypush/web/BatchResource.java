package io.spdypush.web;

import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code POST /push/api/batch}: many messages in one call, each to a client, several clients, a topic or everyone,
 * answered with what happened to each copy. Every message is checked before any is sent, so a 400 sends nothing;
 * the stored ones are written in one transaction ({@link PushService#sendAll}).
 */
@Path("batch")
@Tag(name = "messages")
@ApplicationScoped
public class BatchResource {

    static final int MAX_MESSAGES = 1000;
    static final int MAX_RECIPIENTS_PER_MESSAGE = 1000;
    /** Client ids named in one call, all messages together: each is a copy to store, hand over and answer for. */
    static final int MAX_CLIENT_IDS = 10_000;
    private static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    /** The members of one message: its audience, its payload and the options of the one-message calls. */
    private static final List<String> MESSAGE_MEMBERS = Stream.concat(
            Stream.of("to", "topic", "everyone", "text", "base64", "contentType"),
            MessageParameters.NAMES.stream()).toList();

    @EJB
    private PushService push;

    /** {@code {"results":[{"id":..,"deliveries":[..]},..]}}, one result per message, in order. */
    public record BatchJson(List<FanOutMessagesResource.FanOutJson> results) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send many messages in one call",
            description = "{\"messages\": [...]}, at most " + MAX_MESSAGES + " naming at most " + MAX_CLIENT_IDS
                    + " client ids in all, each with exactly one audience:"
                    + " \"to\" (a client id, or an array of at most " + MAX_RECIPIENTS_PER_MESSAGE + "), \"topic\", or"
                    + " \"everyone\": true; a payload: \"text\" (content type text/plain; charset=utf-8) or"
                    + " \"base64\" (application/octet-stream), \"contentType\" to say otherwise; and the options of"
                    + " the one-message calls: \"id\", \"ttl\" (seconds), \"collapse\", \"priority\" (high or"
                    + " normal), \"qos\" (at_least_once or at_most_once).")
    @RequestBody(description = "{\"messages\": [{\"to\": \"device-1\", \"text\": \"hello\", \"ttl\": 60}, ...]}")
    @APIResponse(responseCode = "200", description = "one result per message, in order, with one delivery per copy:"
            + " ACCEPTED with its seq, or REFUSED with the reason")
    @APIResponse(responseCode = "400", description = "the body or a message is invalid; field names it, e.g."
            + " messages[3].ttl, or an unknown member; nothing was sent")
    public BatchJson send(byte[] body) {
        List<PushMessage> messages = messages(parse(body));
        List<List<Delivery>> deliveries = push.sendAll(messages);
        List<FanOutMessagesResource.FanOutJson> results = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            results.add(new FanOutMessagesResource.FanOutJson(messages.get(i).id(),
                    deliveries.get(i).stream().map(DeliveryJson::of).toList()));
        }
        return new BatchJson(results);
    }

    private static JsonArray parse(byte[] body) {
        JsonObject json;
        try (var reader = Json.createReader(new ByteArrayInputStream(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadParameterException("body", "the body is not a JSON object: " + e.getMessage());
        }
        BadParameterException.onlyKnown(json.keySet(), List.of("messages"), "member");
        JsonValue messages = json.get("messages");
        if (messages == null || messages.getValueType() != JsonValue.ValueType.ARRAY
                || messages.asJsonArray().isEmpty()) {
            throw new BadParameterException("messages", "messages must be a non-empty array of messages");
        }
        if (messages.asJsonArray().size() > MAX_MESSAGES) {
            throw new BadParameterException("messages", "messages holds " + messages.asJsonArray().size()
                    + " messages, more than " + MAX_MESSAGES + " in one call");
        }
        return messages.asJsonArray();
    }

    /** Every message, checked; the first bad one is a 400 naming {@code messages[i].field}. */
    private static List<PushMessage> messages(JsonArray items) {
        List<PushMessage> messages = new ArrayList<>(items.size());
        int clientIds = 0;
        for (int i = 0; i < items.size(); i++) {
            String at = "messages[" + i + "]";
            try {
                if (items.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new BadParameterException("", "must be a JSON object");
                }
                PushMessage message = message(items.getJsonObject(i));
                clientIds += message.audience() instanceof Audience.Clients many ? many.clientIds().size() : 1;
                if (clientIds > MAX_CLIENT_IDS) {
                    throw new BadParameterException("to", "the messages up to this one name more than "
                            + MAX_CLIENT_IDS + " client ids in all, the most one call may");
                }
                messages.add(message);
            } catch (BadParameterException e) {
                String field = e.field().isEmpty() ? at : at + "." + e.field();
                throw new BadParameterException(field, at + ": " + e.getMessage());
            }
        }
        return messages;
    }

    private static PushMessage message(JsonObject item) {
        BadParameterException.onlyKnown(item.keySet(), MESSAGE_MEMBERS, "member");
        MessageParameters options = new MessageParameters();
        options.id = scalar(item, "id");
        options.ttlSeconds = scalar(item, "ttl");
        options.collapseKey = scalar(item, "collapse");
        options.priority = scalar(item, "priority");
        options.qos = scalar(item, "qos");
        String text = scalar(item, "text");
        String base64 = scalar(item, "base64");
        if ((text == null) == (base64 == null)) {
            throw new BadParameterException("text", "give the payload as exactly one of text or base64");
        }
        byte[] payload;
        if (text != null) {
            payload = text.getBytes(StandardCharsets.UTF_8);
        } else {
            payload = BadParameterException.naming("base64", () -> Base64.getDecoder().decode(base64));
        }
        String contentType = scalar(item, "contentType");
        options.contentType = contentType != null ? contentType
                : text != null ? TEXT_CONTENT_TYPE : MediaType.APPLICATION_OCTET_STREAM;
        return options.applyTo(audience(item), payload);
    }

    /** The message's one audience: {@code to}, {@code topic} or {@code everyone}. */
    private static PushMessage audience(JsonObject item) {
        boolean everyone = item.containsKey("everyone");
        int given = (item.containsKey("to") ? 1 : 0) + (item.containsKey("topic") ? 1 : 0) + (everyone ? 1 : 0);
        if (given != 1) {
            throw new BadParameterException("to", "give exactly one audience: to, topic or everyone");
        }
        if (everyone) {
            if (item.get("everyone") != JsonValue.TRUE) {
                throw new BadParameterException("everyone", "everyone must be true");
            }
            return PushMessage.toEveryone();
        }
        if (item.containsKey("topic")) {
            String topic = scalar(item, "topic");
            return BadParameterException.naming("topic", () -> PushMessage.toTopic(topic));
        }
        JsonValue to = item.get("to");
        if (to instanceof JsonString one) {
            return BadParameterException.naming("to", () -> PushMessage.to(one.getString()));
        }
        if (to.getValueType() != JsonValue.ValueType.ARRAY || to.asJsonArray().isEmpty()
                || !to.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
            throw new BadParameterException("to", "to must be a client id or a non-empty array of client ids");
        }
        return PushMessage.to(FanOutMessagesResource.clientIds(to.asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), MAX_RECIPIENTS_PER_MESSAGE));
    }

    /** A string or number member as text; null when absent or null. */
    private static String scalar(JsonObject item, String name) {
        JsonValue value = item.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        throw new BadParameterException(name, name + " must be a string" + (name.equals("ttl") ? " or a number" : ""));
    }
}
