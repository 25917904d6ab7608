package io.spdypush.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spdypush.api.PushMessage;
import io.spdypush.fuzzing.FuzzReport;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The send endpoints' parsing of a request (client id or topic in the path, Content-Type, the query
 * options) on any strings: a message, or a {@link BadParameterException} that names the field (a 400
 * through {@link BadInputMapper}), never another exception (a 500).
 */
@ExtendWith(FuzzReport.class)
class MessageParametersFuzzTest {

    /** MessageParameters' fields, which JAX-RS sets from the request. */
    private static final List<String> FIELDS = List.of("contentType", "id", "ttlSeconds", "collapseKey", "priority",
            "qos");

    @FuzzTest
    void anyRequestGivesAMessageOrABadParameterThatNamesItsField(FuzzedDataProvider data) {
        FuzzReport.execution();
        MessageParameters parameters = new MessageParameters();
        for (String field : FIELDS) {
            set(parameters, field, data.consumeBoolean() ? null : data.consumeString(100));
        }
        boolean toTopic = data.consumeBoolean();
        String recipient = data.consumeString(100);
        byte[] payload = data.consumeRemainingAsBytes();

        try {
            // As ClientMessagesResource and FanOutMessagesResource do.
            PushMessage message = toTopic
                    ? BadParameterException.naming("topic", () -> PushMessage.toTopic(recipient))
                    : BadParameterException.naming("clientId", () -> PushMessage.to(recipient));
            assertThat(parameters.applyTo(message, payload), notNullValue());
        } catch (BadParameterException refused) {
            assertThat("the field a 400 names", refused.field(), notNullValue());
            assertThat("the reason a 400 gives", refused.getMessage(), notNullValue());
        }
    }

    private static void set(MessageParameters parameters, String name, String value) {
        try {
            Field field = MessageParameters.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(parameters, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MessageParameters has no field " + name + "; update FIELDS", e);
        }
    }
}
