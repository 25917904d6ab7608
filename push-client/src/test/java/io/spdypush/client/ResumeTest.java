package io.spdypush.client;

import io.spdypush.testing.Packets;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Resuming with push-last-seq (docs/PROTOCOL.md §2) from a {@link LastSeqStore}, against a real SPDY/3.1 peer. */
class ResumeTest {

    private static final int WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    @RegisterExtension
    final SpdyServerPerTest spdy = new SpdyServerPerTest();
    private PushClient client;

    @Test
    void startsAfterTheStoredSeqAndStoresEachProcessedBatchBeforeAcknowledgingIt() throws Exception {
        FileLastSeqStore store = new FileLastSeqStore(dir.resolve("state"));
        store.save(4);
        client = spdy.closeAfter(builder().lastSeqStore(store).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.concat(Packets.text(5, "m-5", "five"), Packets.text(6, "m-6", "six")), 100_000);
        TestSpdyServer.Request ack = spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS);

        assertThat(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS).headers().get("push-last-seq"), is("4"));
        assertThat(ack.headers().get("push-ack"), is("6"));
        assertThat(store.load(), is(OptionalLong.of(6)));
    }

    @Test
    void dropsMessagesProcessedBeforeThatTheServerSendsAnyway() throws Exception {
        client = spdy.closeAfter(builder().lastSeq(5).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.concat(redelivered(4), redelivered(5), Packets.text(6, "m-6", "six")), 100_000);

        assertThat(seqs(take(1)), contains(6L));
        assertThat(spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS).headers().get("push-ack"), is("6"));
        assertThat(listener.received.poll(200, MILLISECONDS), is(nullValue()));
    }

    @Test
    void aDroppedMessageIsAcknowledgedAgainSoThatTheServerStopsSendingIt() throws Exception {
        client = spdy.closeAfter(builder().lastSeq(5).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(redelivered(5), 100_000);

        assertThat(spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS).headers().get("push-ack"), is("5"));
        assertThat(listener.received.poll(200, MILLISECONDS), is(nullValue()));
    }

    @Test
    void aManualAckCountsAsProcessedOnceTheServerConfirmsIt() throws Exception {
        client = spdy.closeAfter(builder().autoAck(false).build());
        client.connect().get(WAIT_SECONDS, SECONDS);
        spdy.server().push(Packets.concat(Packets.text(1, "m-1", "one"), Packets.text(2, "m-2", "two")), 100_000);
        take(2);
        assertThat(client.ack(1).get(WAIT_SECONDS, SECONDS), is(1L));
        spdy.server().dropConnection();
        listener.disconnected();

        client.connect().get(WAIT_SECONDS, SECONDS);
        spdy.server().push(Packets.concat(redelivered(1), redelivered(2)), 100_000);

        spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS);
        assertThat(spdy.server().pushRequests.poll(WAIT_SECONDS, SECONDS).headers().get("push-last-seq"), is("1"));
        ReceivedMessage again = take(1).get(0);
        assertThat("2 was never acknowledged, so it comes again", again.seq(), is(2L));
        assertThat(again.redelivered(), is(true));
    }

    @Test
    void connectFailsWhenTheStoreCannotBeRead() {
        IOException unreadable = new IOException("disk on fire");
        client = spdy.closeAfter(builder().lastSeqStore(new LastSeqStore() {
            @Override
            public OptionalLong load() throws IOException {
                throw unreadable;
            }

            @Override
            public void save(long seq) {
            }
        }).build());

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect().get(WAIT_SECONDS, SECONDS));

        assertThat(failure.getCause(), is(unreadable));
        assertThat(spdy.server().pushRequests.isEmpty(), is(true));
    }

    @Test
    void aStoreThatCannotBeWrittenDoesNotStopTheMessages() throws Exception {
        client = spdy.closeAfter(builder().lastSeqStore(new FileLastSeqStore(dir.resolve("missing").resolve("state"))).build());
        client.connect().get(WAIT_SECONDS, SECONDS);

        spdy.server().push(Packets.concat(Packets.text(1, "m-1", "one"), Packets.text(2, "m-2", "two")), 100_000);

        assertThat(seqs(take(2)), contains(1L, 2L));
        assertThat(spdy.server().ackRequests.poll(WAIT_SECONDS, SECONDS), is(notNullValue()));
    }

    private static byte[] redelivered(long seq) {
        return Packets.message(seq, Packets.ACK_REQUIRED | Packets.REDELIVERY, "m-" + seq, "text/plain", new byte[0]);
    }

    private PushClient.Builder builder() {
        return PushClient.builder().server("127.0.0.1", spdy.server().port()).clientId("device-42").listener(listener);
    }

    private List<ReceivedMessage> take(int count) throws InterruptedException {
        return listener.take(count);
    }

    private static List<Long> seqs(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::seq).toList();
    }
}
