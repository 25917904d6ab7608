package io.spdypush.ejb.delivery;

import io.spdypush.api.PushMessage;
import io.spdypush.ejb.DeliveryOutcome;
import io.spdypush.ejb.UnstorableMessageException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoredMessageTest {

    private static final Instant EXPIRES = Instant.ofEpochMilli(1_900_000_000_123L);

    @Test
    void aRowGivesBackTheMessageForItsClient() {
        PushMessage sent = PushMessage.to(List.of("device-1", "device-2")).id("m-1")
                .bytes("application/json", "{\"a\":1}".getBytes()).expires(EXPIRES).collapseKey("score")
                .priority(PushMessage.Priority.HIGH);

        PushMessage again = new StoredMessage("device-2", sent, 1L).toMessage();

        assertThat(again, is(PushMessage.to("device-2").id("m-1").bytes("application/json", "{\"a\":1}".getBytes())
                .expires(EXPIRES).collapseKey("score").priority(PushMessage.Priority.HIGH)));
    }

    @Test
    void aRowIsPendingWithoutASeqUntilHandedOverAndFinishesWithItsReason() {
        StoredMessage row = new StoredMessage("device-1", PushMessage.to("device-1").id("m-1").text("hi"), 1L);
        assertThat(row.outcome(), is(new DeliveryOutcome("device-1", "m-1", 0, DeliveryOutcome.State.PENDING, "")));

        row.handedOver(77);
        assertThat("the seq a start hands it back under", row.seq(), is(77L));
        DeliveryOutcome refused = row.finish(DeliveryOutcome.State.REFUSED, "outbox full", 2L);

        assertThat(refused, is(new DeliveryOutcome("device-1", "m-1", 77, DeliveryOutcome.State.REFUSED,
                "outbox full")));
        assertThat(row.isPending(), is(false));
    }

    @Test
    void sendingTheSameIdAgainMakesTheRowPendingWithTheNewContent() {
        StoredMessage row = new StoredMessage("device-1", PushMessage.to("device-1").id("m-1").text("old"), 1L);
        row.handedOver(77);
        row.finish(DeliveryOutcome.State.DELIVERED, "", 2L);

        row.takeContentOf(PushMessage.to("device-1").id("m-1").text("new"), 3L);

        assertThat(row.outcome(), is(new DeliveryOutcome("device-1", "m-1", 0, DeliveryOutcome.State.PENDING, "")));
        assertThat(row.toMessage().payload(), is("new".getBytes()));
    }

    @Test
    void aTooLongIdIsRefusedBeforeAnythingIsStored() {
        PushMessage longId = PushMessage.to("device-1").id("x".repeat(StoredMessage.MAX_TEXT + 1));

        UnstorableMessageException refused = assertThrows(UnstorableMessageException.class,
                () -> StoredMessage.requireStorable(longId));
        assertThat(refused.getMessage(), containsString("AT_MOST_ONCE"));
    }

    @Test
    void onlyAtLeastOnceMessagesToClientIdsAreStoredEachRecipientOnce() {
        assertThat(MessageStore.recipients(PushMessage.to(List.of("a", "b", "a"))), contains("a", "b"));
        assertThat(MessageStore.keeps(PushMessage.to("a")), is(true));
        assertThat(MessageStore.keeps(PushMessage.to("a").qos(PushMessage.QualityOfService.AT_MOST_ONCE)), is(false));
        assertThat(MessageStore.keeps(PushMessage.toTopic("scores")), is(false));
        assertThat(MessageStore.recipients(PushMessage.toEveryone()), is(empty()));
    }
}
