package io.spdypush.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PushMessageTest {

    @Test
    void messagesToClientIdsAreAtLeastOnceAndToTopicsAndEveryoneAtMostOnceByDefault() {
        assertThat(PushMessage.to("device-1").qos(), is(PushMessage.QualityOfService.AT_LEAST_ONCE));
        assertThat(PushMessage.to(List.of("a", "b")).qos(), is(PushMessage.QualityOfService.AT_LEAST_ONCE));
        assertThat(PushMessage.toTopic("scores").qos(), is(PushMessage.QualityOfService.AT_MOST_ONCE));
        assertThat(PushMessage.toEveryone().qos(), is(PushMessage.QualityOfService.AT_MOST_ONCE));
        assertThat(PushMessage.to("device-1").qos(PushMessage.QualityOfService.AT_MOST_ONCE).qos(),
                is(PushMessage.QualityOfService.AT_MOST_ONCE));
    }

    @Test
    void atLeastOnceToATopicOrEveryoneIsRefusedNotSentAtMostOnce() {
        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> PushMessage.toTopic("scores").qos(PushMessage.QualityOfService.AT_LEAST_ONCE));
        assertThat(topic.getMessage(), containsString("topic scores"));
        assertThat(topic.getMessage(), containsString("send it AT_MOST_ONCE"));
        IllegalArgumentException everyone = assertThrows(IllegalArgumentException.class,
                () -> PushMessage.toEveryone().text("hi").qos(PushMessage.QualityOfService.AT_LEAST_ONCE));
        assertThat(everyone.getMessage(), containsString("everyone"));
    }
}
