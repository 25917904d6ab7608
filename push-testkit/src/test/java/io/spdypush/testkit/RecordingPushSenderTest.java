package io.spdypush.testkit;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import io.spdypush.api.SessionInfo;
import io.spdypush.protocol.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

class RecordingPushSenderTest {

    private final RecordingPushSender push = new RecordingPushSender();

    @Test
    void recordsEachMessageAndAcceptsEachCopyWithTheNextSeqOfItsClient() {
        List<Delivery> first = push.send(PushMessage.to(List.of("a", "b")).id("m-1").text("one"));
        List<Delivery> second = push.send(PushMessage.to("a").id("m-2").text("two"));

        assertThat(first, contains(Delivery.accepted("a", "m-1", 1), Delivery.accepted("b", "m-1", 1)));
        assertThat(second, contains(Delivery.accepted("a", "m-2", 2)));
        assertThat(push.sentTo("a").stream().map(PushMessage::id).toList(), contains("m-1", "m-2"));
        assertThat(push.sentTo("b").stream().map(PushMessage::id).toList(), contains("m-1"));
        assertThat(push.status().messages().accepted(), is(3L));
    }

    @Test
    void anAcceptedAtLeastOnceCopyIsPendingUntilTheTestAcknowledgesItAsAClientWould() {
        push.online("a");
        push.send(PushMessage.to("a").id("m-1").text("one"));
        push.send(PushMessage.to("a").id("m-2").text("two"));
        push.send(PushMessage.to("a").id("m-3").text("three"));
        push.send(PushMessage.toEveryone().id("e-1").text("not kept"));

        assertThat(push.pending("a").stream().map(PushMessage::id).toList(), contains("m-1", "m-2", "m-3"));
        assertThat(push.session("a").orElseThrow().pendingMessages(), is(3));
        assertThat(push.acknowledge("a", 2).stream().map(PushMessage::id).toList(), contains("m-1", "m-2"));
        assertThat(push.status().pendingMessages(), is(1L));
        assertThat(push.acknowledge("a").stream().map(PushMessage::id).toList(), contains("m-3"));
        assertThat(push.acknowledge("a"), is(empty()));
        assertThat(push.status().messages().acknowledged(), is(3L));
        assertThat(push.sessions("", 0, 10).get(0).pendingMessages(), is(0));
    }

    @Test
    void refusesOrDefersAsTheTestSaysAndRecordsTheMessageAllTheSame() {
        push.refusing("outbox full");
        assertThat(push.send(PushMessage.to("a").id("m-1").text("x")),
                contains(Delivery.refused("a", "m-1", "outbox full")));

        push.deferring();
        assertThat(push.send(PushMessage.to("a").id("m-2").text("x")), contains(Delivery.deferred("a", "m-2")));

        push.accepting();
        assertThat(push.send(PushMessage.to("a").id("m-3").text("x")), contains(Delivery.accepted("a", "m-3", 1)));
        assertThat(push.sent().size(), is(3));
    }

    @Test
    void aTopicReachesTheSessionsOnlineWithItAndEveryoneReachesAllOfThem() {
        push.online("a", "scores").online("b").online("c", "scores", "news");

        List<Delivery> topic = push.send(PushMessage.toTopic("scores").id("t-1").text("1:0"));
        List<Delivery> everyone = push.send(PushMessage.toEveryone().id("e-1").text("hello"));

        assertThat(topic.stream().map(Delivery::clientId).toList(), contains("a", "c"));
        assertThat(everyone.stream().map(Delivery::clientId).toList(), contains("a", "b", "c"));
        assertThat(push.sentTo("b").stream().map(PushMessage::id).toList(), contains("e-1"));
    }

    @Test
    void sessionsCanBeListedFoundAndDisconnected() {
        PushSender sender = push.online("device-1").online("device-2").online("other");

        assertThat(sender.sessions("device-", 0, 10).stream().map(SessionInfo::clientId).toList(),
                contains("device-1", "device-2"));
        assertThat(sender.sessions("", 1, 1).stream().map(SessionInfo::clientId).toList(), contains("device-2"));
        assertThat(sender.disconnect("device-1"), is(true));
        assertThat(sender.disconnect("device-1"), is(false));
        assertThat(sender.session("device-1").isPresent(), is(false));
        assertThat(sender.status().sessionsOnline(), is(2));
    }

    @Test
    void mintsARealTokenForTheClientSignedWithTheKnownSecret() {
        long earliest = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        String token = push.mintToken("device-1", Duration.ofMinutes(5));
        long latest = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();

        long expiry = Long.parseLong(token.split("\\.")[1]);
        assertThat(expiry >= earliest && expiry <= latest, is(true));
        assertThat(token, is(Tokens.mint(RecordingPushSender.TOKEN_SECRET, "device-1", expiry)));
    }

    @Test
    void clearForgetsEverything() {
        push.online("a").refusing("no");
        push.send(PushMessage.to("a").text("x"));

        push.clear();

        assertThat(push.sent(), is(empty()));
        assertThat(push.send(PushMessage.to("a").id("m").text("x")), contains(Delivery.accepted("a", "m", 1)));
        assertThat(push.sessions("", 0, 10), is(empty()));
    }
}
