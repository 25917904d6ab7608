package io.spdypush.client.cli;

import io.spdypush.client.ReceivedMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The line {@code listen} prints per message, which scripts read (README, "Command-line client"):
 * {@code {"seq":..,"id":..,"redelivered":..,"meta":{..},"payload":".."}}, the payload as text when its
 * content type is textual and it is valid UTF-8, otherwise base64 with {@code "encoding":"base64"}; and the
 * JSON pieces {@link ResponseJson} prints bodies and headers with, by the same rule.
 */
final class MessageJson {

    private MessageJson() {
    }

    static String line(ReceivedMessage message) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"seq\":").append(message.seq());
        json.append(",\"id\":");
        appendString(json, message.id());
        json.append(",\"redelivered\":").append(message.redelivered());
        json.append(",\"meta\":");
        appendObject(json, message.meta());
        json.append(',');
        appendBytes(json, "payload", message.contentType(), message.payload());
        return json.append('}').toString();
    }

    /** A JSON object of strings, in the map's order. */
    static void appendObject(StringBuilder json, Map<String, String> fields) {
        json.append('{');
        String separator = "";
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            json.append(separator);
            appendString(json, entry.getKey());
            json.append(':');
            appendString(json, entry.getValue());
            separator = ",";
        }
        json.append('}');
    }

    /**
     * The member {@code "name":".."} with the bytes as text when the content type is textual and they are valid
     * UTF-8, otherwise as base64 followed by {@code ,"encoding":"base64"}.
     */
    static void appendBytes(StringBuilder json, String name, String contentType, byte[] bytes) {
        appendString(json, name);
        json.append(':');
        String text = isTextual(contentType) ? utf8(bytes) : null;
        if (text != null) {
            appendString(json, text);
        } else {
            appendString(json, Base64.getEncoder().encodeToString(bytes));
            json.append(",\"encoding\":\"base64\"");
        }
    }

    /** text/*, application/json, application/xml and the +json and +xml suffixes; parameters are ignored. */
    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** A JSON string literal, or {@code null}: quote and backslash escaped, control characters as \\uXXXX. */
    static void appendString(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /** The bytes as text, or null when they are not valid UTF-8 (so nothing is lost by printing them). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
