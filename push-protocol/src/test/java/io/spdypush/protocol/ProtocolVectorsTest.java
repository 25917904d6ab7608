package io.spdypush.protocol;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spdypush.testing.ProtocolVectors;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The rules module against docs/protocol-vectors.json, the vectors every implementation's tests read: tokens,
 * names, seq values, authorization values (the packets are push-codec's).
 */
class ProtocolVectorsTest {

    @Test
    void everyValidTokenVectorIsMintedAndReadBack() throws Exception {
        for (JsonObject vector : ProtocolVectors.objects("tokens", "valid")) {
            Tokens tokens = new Tokens(vector.getString("secret"), "the vector's secret");

            assertThat(tokens.mint(vector.getString("clientId"), vector.getJsonNumber("expiry").longValue()),
                    is(vector.getString("token")));
            assertThat(tokens.read(vector.getString("token")), is(new Tokens.Signed(vector.getString("clientId"),
                    vector.getJsonNumber("expiry").longValue())));
        }
    }

    @Test
    void everyInvalidTokenVectorIsRefusedForItsReason() {
        for (JsonObject vector : ProtocolVectors.objects("tokens", "invalid")) {
            Tokens tokens = new Tokens(vector.getString("secret"), "the vector's secret");

            Tokens.InvalidTokenException refused = assertThrows(Tokens.InvalidTokenException.class,
                    () -> tokens.read(vector.getString("token")), vector.getString("why"));
            assertThat(vector.getString("why"), refused.problem().name(), is(vector.getString("problem")));
        }
    }

    @Test
    void clientIdsAndTopicNamesFollowTheirVectors() {
        ProtocolVectors.strings("clientIds", "valid").forEach(id -> assertThat(id, ClientIds.isValid(id), is(true)));
        ProtocolVectors.strings("clientIds", "invalid").forEach(id -> assertThat(id, ClientIds.isValid(id), is(false)));
        ProtocolVectors.strings("topicNames", "valid").forEach(name ->
                assertThat(name, TopicNames.isValid(name), is(true)));
        ProtocolVectors.strings("topicNames", "invalid").forEach(name ->
                assertThat(name, TopicNames.isValid(name), is(false)));
    }

    @Test
    void seqValuesFollowTheirVectors() {
        for (JsonObject vector : ProtocolVectors.objects("seqValues", "valid")) {
            assertThat(vector.getString("value"), SeqValues.parse(PushHeaders.PUSH_ACK, vector.getString("value")),
                    is(vector.getJsonNumber("seq").longValueExact()));
        }
        for (String value : ProtocolVectors.strings("seqValues", "invalid")) {
            assertThat(value, assertThrows(IllegalArgumentException.class,
                    () -> SeqValues.parse(PushHeaders.PUSH_ACK, value)).getMessage(), containsString("push-ack"));
        }
    }

    @Test
    void bearerTokensFollowTheirVectors() {
        for (JsonObject vector : ProtocolVectors.objects("authorization", "vectors")) {
            String expected = vector.isNull("token") ? null : vector.getString("token");
            assertThat(vector.getString("value"), PushHeaders.bearerToken(vector.getString("value")), is(expected));
        }
    }
}
