package io.spdypush.rar.bench;

import io.spdypush.api.PushMessage;
import io.spdypush.rar.outbox.Outbox;
import io.spdypush.rar.outbox.OutboxEntry;
import io.spdypush.rar.outbox.OutboxSizes;
import io.spdypush.rar.packet.EncodedMessage;
import io.spdypush.rar.packet.MessageMeta;
import io.spdypush.rar.pool.MemoryPool;
import io.spdypush.rar.statistics.MessageStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: the outbox operations of every message (accept, take for sending, acknowledge) and the fan-out of
 * one encoded message into many clients' outboxes, as a broadcast does before any socket write. Not a
 * test: run with {@code mvn -o -q -pl push-client,push-rar -am test-compile exec:exec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OutboxBenchmark {

    @Param({"10000"})
    int fanOutClients;

    private final MemoryPool pool = new MemoryPool("message", Long.MAX_VALUE, true);
    private final MessageStatistics statistics = new MessageStatistics();
    private final OutboxSizes sizes = new OutboxSizes(10_000);
    private EncodedMessage encoded;
    private Outbox outbox;
    private Outbox[] outboxes;

    @Setup(Level.Iteration)
    public void setUp() {
        PushMessage message = PushMessage.to("device-42").bytes("application/octet-stream", new byte[100]);
        encoded = EncodedMessage.encode(message, MessageMeta.of(message), pool);
        outbox = new Outbox(10_000, 64L << 20, 0, statistics, sizes);
        outboxes = new Outbox[fanOutClients];
        for (int i = 0; i < fanOutClients; i++) {
            outboxes[i] = new Outbox(10_000, 64L << 20, 0, statistics, sizes);
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        outbox.clear();
        for (Outbox each : outboxes) {
            each.clear();
        }
        encoded.body().release();
    }

    /** One message through one outbox: accepted, taken for sending, acknowledged. */
    @Benchmark
    public long acceptTakeAcknowledge() {
        long now = System.currentTimeMillis();
        long seq = outbox.accept(encoded, now).getAsLong();
        List<OutboxEntry.Outgoing> taken = outbox.takeForSending(seq - 1, 64 * 1024, now);
        for (OutboxEntry.Outgoing outgoing : taken) {
            outgoing.message().body().release();
        }
        return outbox.acknowledge(seq).seq();
    }

    /** One message into every outbox and acknowledged there again (per op: fanOutClients outboxes). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long fanOut() {
        long now = System.currentTimeMillis();
        long sum = 0;
        for (Outbox each : outboxes) {
            sum += each.accept(encoded, now).getAsLong();
        }
        for (Outbox each : outboxes) {
            List<OutboxEntry.Outgoing> taken = each.takeForSending(each.highestSent(), 64 * 1024, now);
            for (OutboxEntry.Outgoing outgoing : taken) {
                outgoing.message().body().release();
            }
            each.acknowledge(each.highestSent());
        }
        return sum;
    }
}
