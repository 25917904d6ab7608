package io.spdypush.client.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.spdypush.client.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void printsATextualPayloadAsText() {
        ReceivedMessage message = message(5, false, "text/plain; charset=utf-8", "h\u00e9llo".getBytes(StandardCharsets.UTF_8));

        assertThat(MessageJson.line(message), is("{\"seq\":5,\"id\":\"m-1\",\"redelivered\":false,"
                + "\"meta\":{\"id\":\"m-1\",\"content-type\":\"text/plain; charset=utf-8\"},\"payload\":\"h\u00e9llo\"}"));
    }

    @Test
    void printsABinaryPayloadAsBase64() {
        ReceivedMessage message = message(6, true, "application/octet-stream", new byte[] {0, 1, (byte) 0xff});

        assertThat(MessageJson.line(message), is("{\"seq\":6,\"id\":\"m-1\",\"redelivered\":true,"
                + "\"meta\":{\"id\":\"m-1\",\"content-type\":\"application/octet-stream\"},"
                + "\"payload\":\"AAH/\",\"encoding\":\"base64\"}"));
    }

    @Test
    void printsATextualTypeThatIsNotValidUtf8AsBase64() {
        ReceivedMessage message = message(7, false, "text/plain", new byte[] {(byte) 0xc3, 0x28});

        assertThat(MessageJson.line(message).endsWith("\"payload\":\"wyg=\",\"encoding\":\"base64\"}"), is(true));
    }

    @Test
    void treatsJsonXmlAndTheirSuffixesAsText() {
        for (String type : new String[] {"text/html", "TEXT/CSV", "application/json", "application/xml",
                "application/problem+json", "image/svg+xml; charset=utf-8", " application/json ; x=y"}) {
            assertThat(type, MessageJson.isTextual(type), is(true));
        }
        for (String type : new String[] {"application/octet-stream", "image/png", "application/jsonx", null}) {
            assertThat(String.valueOf(type), MessageJson.isTextual(type), is(false));
        }
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        StringBuilder json = new StringBuilder();

        MessageJson.appendString(json, "a\"b\\c\nd\te\u0000f\u001fg\u007f\u2028");

        assertThat(json.toString(), is("\"a\\\"b\\\\c\\u000ad\\u0009e\\u0000f\\u001fg\u007f\u2028\""));
    }

    @Test
    void escapesMetaNamesAndValues() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("id", "quote\"d");
        meta.put("content-type", "application/json");
        meta.put("topic", "line\nbreak");
        ReceivedMessage message = new ReceivedMessage(1, false, true, meta,
                "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(MessageJson.line(message), is("{\"seq\":1,\"id\":\"quote\\\"d\",\"redelivered\":false,"
                + "\"meta\":{\"id\":\"quote\\\"d\",\"content-type\":\"application/json\",\"topic\":\"line\\u000abreak\"},"
                + "\"payload\":\"{\\\"k\\\":\\\"v\\\"}\"}"));
    }

    private static ReceivedMessage message(long seq, boolean redelivered, String contentType, byte[] payload) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("id", "m-1");
        meta.put("content-type", contentType);
        return new ReceivedMessage(seq, redelivered, true, meta, payload);
    }
}
