package io.spdypush.client;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.netty.handler.codec.spdy.SpdySessionStatus;
import io.spdypush.testing.ProtocolVectors;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client against docs/protocol-vectors.json, end to end: each packet vector's bytes are sent on a push stream
 * in DATA frames of 3 bytes, and the application gets exactly the messages the vector lists, or the client ends
 * the session with GOAWAY PROTOCOL_ERROR for the reason it gives.
 */
class ClientProtocolVectorsTest {

    private static final int WAIT_SECONDS = 10;
    private static final int CHUNK_BYTES = 3;

    @Test
    void everyPacketVectorReachesTheApplicationAsItSays() throws Exception {
        for (JsonObject vector : ProtocolVectors.packets()) {
            String name = vector.getString("name");
            RecordingListener listener = new RecordingListener();
            try (TestSpdyServer server = new TestSpdyServer();
                 PushClient client = PushClient.builder().server("127.0.0.1", server.port()).clientId("device-42")
                         .maxPayloadBytes(vector.getInt("maxPayloadBytes")).listener(listener).build()) {
                client.connect().get(WAIT_SECONDS, SECONDS);

                server.push(ProtocolVectors.bytes(vector.getString("hex")), CHUNK_BYTES);

                for (JsonValue value : vector.containsKey("messages") ? vector.getJsonArray("messages")
                        : JsonValue.EMPTY_JSON_ARRAY) {
                    ReceivedMessage message = listener.received.poll(WAIT_SECONDS, SECONDS);
                    assertThat(name, message, is(notNullValue()));
                    assertThat(name, view(message), is(view(value.asJsonObject())));
                }
                if (vector.containsKey("error")) {
                    assertThat(name, server.goAways.poll(WAIT_SECONDS, SECONDS), is(SpdySessionStatus.PROTOCOL_ERROR));
                    assertThat(name, listener.disconnected().getMessage(),
                            containsString(vector.getString("error")));
                } else {
                    assertThat(name + ": nothing more", listener.received.poll(200, MILLISECONDS), is(nullValue()));
                }
            }
        }
    }

    /** A message's fields as the vectors write them. */
    private static Map<String, Object> view(ReceivedMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", message.seq());
        fields.put("ackRequired", message.ackRequired());
        fields.put("redelivery", message.redelivered());
        fields.put("meta", message.meta());
        fields.put("payloadHex", HexFormat.of().formatHex(message.payload()));
        return fields;
    }

    private static Map<String, Object> view(JsonObject expected) {
        Map<String, String> meta = new LinkedHashMap<>();
        expected.getJsonObject("meta").forEach((name, value) -> meta.put(name, ((JsonString) value).getString()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", expected.getJsonNumber("seq").longValueExact());
        fields.put("ackRequired", expected.getBoolean("ackRequired"));
        fields.put("redelivery", expected.getBoolean("redelivery"));
        fields.put("meta", meta);
        fields.put("payloadHex", expected.getString("payloadHex"));
        return fields;
    }
}
