package io.spdypush.ejb;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import jakarta.transaction.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AfterCommitHandOverTest {

    private final PushMessage message = PushMessage.to("device-1").id("m-2").text("2:1").collapseKey("score");
    private final DeliveryOutcome collapsed = new DeliveryOutcome("device-1", "m-1", 0,
            DeliveryOutcome.State.COLLAPSED, "replaced by message m-2 with the same collapse key");
    private final List<PushMessage> handedOver = new ArrayList<>();
    private final List<DeliveryOutcome> published = new ArrayList<>();

    private final AfterCommitHandOver afterCommit = new AfterCommitHandOver(message, List.of(collapsed),
            sent -> {
                handedOver.add(sent);
                return List.of(Delivery.accepted("device-1", sent.id(), 42));
            },
            published::addAll);

    @Test
    void handsTheMessageOverOnlyWhenTheTransactionCommits() throws Exception {
        afterCommit.beforeCompletion();
        assertThat("nothing before the commit", handedOver, is(empty()));

        afterCommit.afterCompletion(Status.STATUS_COMMITTED);

        assertThat(handedOver, contains(message));
        assertThat(afterCommit.deliveries().get(), contains(Delivery.accepted("device-1", "m-2", 42)));
        assertThat("the collapse is told once committed", published, contains(collapsed));
    }

    @Test
    void sendsNothingAndTellsNothingWhenTheTransactionRollsBack() {
        afterCommit.afterCompletion(Status.STATUS_ROLLEDBACK);

        assertThat(handedOver, is(empty()));
        assertThat(published, is(empty()));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> afterCommit.deliveries().get());
        assertThat(failed.getCause(), instanceOf(IllegalStateException.class));
        assertThat(failed.getCause().getMessage(), containsString("rolled back"));
    }

    @Test
    void aHandOverThatFailsAfterTheCommitFailsTheDeliveriesInsteadOfThrowing() {
        AfterCommitHandOver unavailable = new AfterCommitHandOver(message, List.of(), sent -> {
            throw new PushUnavailableException(new IllegalStateException("not started"));
        }, published::addAll);

        unavailable.afterCompletion(Status.STATUS_COMMITTED);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> unavailable.deliveries().get());
        assertThat(failed.getCause(), instanceOf(PushUnavailableException.class));
    }
}
