package io.spdypush.web;

import io.spdypush.api.PushMessage;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageParametersTest {

    private final MessageParameters parameters = new MessageParameters();

    @Test
    void atLeastOnceToATopicOrEveryoneIsA400NamingQos() {
        parameters.qos = "at_least_once";
        for (PushMessage fanOut : new PushMessage[]{PushMessage.toTopic("scores"), PushMessage.toEveryone()}) {
            BadParameterException refused = assertThrows(BadParameterException.class,
                    () -> parameters.applyTo(fanOut, new byte[0]));
            assertThat(refused.field(), is("qos"));
            assertThat(refused.getMessage(), containsString("send it AT_MOST_ONCE"));
        }
    }

    @Test
    void aTopicMessageWithoutQosIsSentAtMostOnceAndAClientMessageAtLeastOnce() {
        assertThat(parameters.applyTo(PushMessage.toTopic("scores"), new byte[0]).qos(),
                is(PushMessage.QualityOfService.AT_MOST_ONCE));
        assertThat(parameters.applyTo(PushMessage.to("device-1"), new byte[0]).qos(),
                is(PushMessage.QualityOfService.AT_LEAST_ONCE));
        parameters.qos = "at_most_once";
        assertThat(parameters.applyTo(PushMessage.toEveryone(), new byte[0]).qos(),
                is(PushMessage.QualityOfService.AT_MOST_ONCE));
    }
}
