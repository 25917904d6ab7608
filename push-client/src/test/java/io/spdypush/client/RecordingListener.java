package io.spdypush.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A listener that keeps what the client hands it, for a test to wait for: messages and ends of sessions. */
final class RecordingListener implements PushListener {

    static final int WAIT_SECONDS = 10;

    final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    final BlockingQueue<SessionClosedException> disconnects = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(ReceivedMessage message) {
        received.add(message);
    }

    @Override
    public void onDisconnected(SessionClosedException reason) {
        disconnects.add(reason);
    }

    /** The next {@code count} messages, each within {@link #WAIT_SECONDS}. */
    List<ReceivedMessage> take(int count) throws InterruptedException {
        List<ReceivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReceivedMessage message = received.poll(WAIT_SECONDS, SECONDS);
            assertThat("message " + (i + 1) + " of " + count, message, is(notNullValue()));
            messages.add(message);
        }
        return messages;
    }

    /** Why the next session ended, within {@link #WAIT_SECONDS}. */
    SessionClosedException disconnected() throws InterruptedException {
        SessionClosedException reason = disconnects.poll(WAIT_SECONDS, SECONDS);
        assertThat("the session ended", reason, is(notNullValue()));
        return reason;
    }
}
