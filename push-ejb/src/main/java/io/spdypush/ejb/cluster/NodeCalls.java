package io.spdypush.ejb.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.SessionInfo;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.api.TopicInfo;
import io.spdypush.ejb.NodeStatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls from one node of the cluster to another over the data grid: each node listens on a topic of its own,
 * a call is published on the callee's topic and answered on the caller's. The calls: hand a message to the
 * adapter there (a client whose home it is, or the sessions of a topic there), hand a client off, and tell of the
 * node: its figures, its sessions and topics, and end a session there. A call
 * that gets no answer within the timeout, or whose callee leaves the cluster, fails; the caller decides what
 * that means for its sender.
 */
final class NodeCalls {

    private static final Logger LOG = Logger.getLogger(NodeCalls.class.getName());
    private static final String TOPIC_PREFIX = "spdypush-node-";
    /** In place of a hand-off's length: the takeover was refused, and the seconds to wait follow. */
    private static final int THROTTLED = -1;

    /** What this node answers when another calls it. */
    interface Answers {

        /** Hands a message to this node's adapter, for the clients whose home this node is. */
        List<Delivery> send(PushMessage message);

        /** Hands a message to a topic or to everyone to this node's adapter, for the sessions here. */
        List<Delivery> fanOut(PushMessage message);

        /**
         * Stops being the client's home and returns its state, as a session of it opens on the calling node
         * ({@link io.spdypush.api.PushConnection#handOffClientForTakeover}).
         */
        byte[] handOff(String clientId);

        /** This node's figures. */
        NodeStatus status();

        /** The sessions here whose client id starts with the prefix, by client id, at most {@code limit}. */
        List<SessionInfo> sessions(String clientIdPrefix, int limit);

        /** The client's session here, or none. */
        Optional<SessionInfo> session(String clientId);

        /** Ends the client's session here; whether it was online here. */
        boolean disconnect(String clientId);

        /** Takes the message out of the client's outbox here; whether it was there. */
        boolean cancel(String clientId, String messageId);

        /** The topics with subscribers here whose name starts with the prefix, by name, at most {@code limit}. */
        List<TopicInfo> topics(String namePrefix, int limit);
    }

    private enum Kind { SEND, FAN_OUT, HAND_OFF, STATUS, SESSIONS, SESSION, DISCONNECT, TOPICS, ANSWER, FAILED, CANCEL }

    private record Call(UUID callee, CompletableFuture<DataInputStream> answer) {
    }

    private final HazelcastInstance grid;
    private final UUID self;
    private final Executor executor;
    private final Answers answers;
    private final Duration timeout;
    private final AtomicLong callIds = new AtomicLong();
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private UUID listener;

    /** @param executor where calls are answered: never on the grid's event threads, which must not wait */
    NodeCalls(HazelcastInstance grid, Executor executor, Answers answers, Duration timeout) {
        this.grid = grid;
        this.self = grid.getCluster().getLocalMember().getUuid();
        this.executor = executor;
        this.answers = answers;
        this.timeout = timeout;
    }

    void start() {
        listener = topic(self).addMessageListener(this::received);
    }

    void stop() {
        topic(self).removeMessageListener(listener);
        calls.values().forEach(call -> call.answer().completeExceptionally(
                new IllegalStateException("this node is leaving the cluster")));
    }

    CompletableFuture<List<Delivery>> send(UUID node, PushMessage message) {
        return call(node, Kind.SEND, out -> ClusterWire.writeMessage(out, message))
                .thenApply(NodeCalls::deliveries);
    }

    CompletableFuture<List<Delivery>> fanOut(UUID node, PushMessage message) {
        return call(node, Kind.FAN_OUT, out -> ClusterWire.writeMessage(out, message))
                .thenApply(NodeCalls::deliveries);
    }

    /**
     * The client's state from its home, as a session of it opens on this node; fails with
     * {@link TakeoverThrottledException} when that is a takeover past the limit.
     */
    CompletableFuture<byte[]> handOff(UUID node, String clientId) {
        return call(node, Kind.HAND_OFF, out -> out.writeUTF(clientId)).thenApply(in -> read(in, answer -> {
            int length = answer.readInt();
            if (length == THROTTLED) {
                throw new TakeoverThrottledException(clientId, answer.readLong());
            }
            byte[] state = new byte[length];
            answer.readFully(state);
            return state;
        }));
    }

    CompletableFuture<NodeStatus> status(UUID node) {
        return call(node, Kind.STATUS, out -> { }).thenApply(in -> read(in, ClusterWire::readNodeStatus));
    }

    CompletableFuture<List<SessionInfo>> sessions(UUID node, String clientIdPrefix, int limit) {
        return call(node, Kind.SESSIONS, out -> {
            out.writeUTF(clientIdPrefix);
            out.writeInt(limit);
        }).thenApply(in -> read(in, ClusterWire::readSessions));
    }

    CompletableFuture<Optional<SessionInfo>> session(UUID node, String clientId) {
        return call(node, Kind.SESSION, out -> out.writeUTF(clientId))
                .thenApply(in -> read(in, ClusterWire::readSessions).stream().findFirst());
    }

    CompletableFuture<Boolean> disconnect(UUID node, String clientId) {
        return call(node, Kind.DISCONNECT, out -> out.writeUTF(clientId))
                .thenApply(in -> read(in, DataInputStream::readBoolean));
    }

    CompletableFuture<Boolean> cancel(UUID node, String clientId, String messageId) {
        return call(node, Kind.CANCEL, out -> {
            out.writeUTF(clientId);
            out.writeUTF(messageId);
        }).thenApply(in -> read(in, DataInputStream::readBoolean));
    }

    CompletableFuture<List<TopicInfo>> topics(UUID node, String namePrefix, int limit) {
        return call(node, Kind.TOPICS, out -> {
            out.writeUTF(namePrefix);
            out.writeInt(limit);
        }).thenApply(in -> read(in, ClusterWire::readTopics));
    }

    /** Fails the calls still waiting for {@code node}, which left the cluster: no answer will come. */
    void memberLeft(UUID node) {
        calls.values().stream().filter(call -> call.callee().equals(node)).forEach(call -> call.answer()
                .completeExceptionally(new IllegalStateException("node " + node + " left the cluster")));
    }

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private CompletableFuture<DataInputStream> call(UUID callee, Kind kind, Body body) {
        long callId = callIds.incrementAndGet();
        CompletableFuture<DataInputStream> answer = new CompletableFuture<>();
        calls.put(callId, new Call(callee, answer));
        answer.whenComplete((in, error) -> calls.remove(callId));
        try {
            topic(callee).publish(frame(callId, kind, body));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void received(Message<byte[]> message) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(message.getMessageObject()));
            long callId = in.readLong();
            UUID caller = new UUID(in.readLong(), in.readLong());
            Kind kind = Kind.values()[in.readByte()];
            switch (kind) {
                case ANSWER -> answered(callId, in);
                case FAILED -> failed(callId, in.readUTF());
                default -> answerLater(caller, callId, kind, in);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "A call from another node could not be read, and is dropped: " + e, e);
        }
    }

    private void answered(long callId, DataInputStream in) {
        Call call = calls.get(callId);
        if (call != null) {
            call.answer().complete(in);
        }
    }

    private void failed(long callId, String reason) {
        Call call = calls.get(callId);
        if (call != null) {
            call.answer().completeExceptionally(new IllegalStateException(reason));
        }
    }

    private void answerLater(UUID caller, long callId, Kind kind, DataInputStream in) {
        try {
            executor.execute(() -> answer(caller, callId, kind, in));
        } catch (RejectedExecutionException e) {
            topic(caller).publish(frame(callId, Kind.FAILED, out -> out.writeUTF("node " + self + " is overloaded")));
        }
    }

    private void answer(UUID caller, long callId, Kind kind, DataInputStream in) {
        byte[] answer;
        try {
            answer = switch (kind) {
                case SEND -> frame(callId, Kind.ANSWER, out -> ClusterWire.writeDeliveries(out,
                        answers.send(ClusterWire.readMessage(in))));
                case FAN_OUT -> frame(callId, Kind.ANSWER, out -> ClusterWire.writeDeliveries(out,
                        answers.fanOut(ClusterWire.readMessage(in))));
                case HAND_OFF -> handOffAnswer(callId, in.readUTF());
                case STATUS -> frame(callId, Kind.ANSWER, out -> ClusterWire.writeNodeStatus(out, answers.status()));
                case SESSIONS -> {
                    List<SessionInfo> sessions = answers.sessions(in.readUTF(), in.readInt());
                    yield frame(callId, Kind.ANSWER, out -> ClusterWire.writeSessions(out, sessions));
                }
                case SESSION -> {
                    List<SessionInfo> session = answers.session(in.readUTF()).stream().toList();
                    yield frame(callId, Kind.ANSWER, out -> ClusterWire.writeSessions(out, session));
                }
                case DISCONNECT -> {
                    boolean wasOnline = answers.disconnect(in.readUTF());
                    yield frame(callId, Kind.ANSWER, out -> out.writeBoolean(wasOnline));
                }
                case CANCEL -> {
                    boolean wasThere = answers.cancel(in.readUTF(), in.readUTF());
                    yield frame(callId, Kind.ANSWER, out -> out.writeBoolean(wasThere));
                }
                case TOPICS -> {
                    List<TopicInfo> topics = answers.topics(in.readUTF(), in.readInt());
                    yield frame(callId, Kind.ANSWER, out -> ClusterWire.writeTopics(out, topics));
                }
                default -> throw new IllegalArgumentException("not a call: " + kind);
            };
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "A " + kind + " call from node " + caller + " failed: " + e, e);
            answer = frame(callId, Kind.FAILED, out -> out.writeUTF("node " + self + " failed " + kind + ": " + e));
        }
        topic(caller).publish(answer);
    }

    private byte[] handOffAnswer(long callId, String clientId) {
        try {
            byte[] state = answers.handOff(clientId);
            return frame(callId, Kind.ANSWER, out -> {
                out.writeInt(state.length);
                out.write(state);
            });
        } catch (TakeoverThrottledException e) {
            return frame(callId, Kind.ANSWER, out -> {
                out.writeInt(THROTTLED);
                out.writeLong(e.retryAfterSeconds());
            });
        }
    }

    private byte[] frame(long callId, Kind kind, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(callId);
            out.writeLong(self.getMostSignificantBits());
            out.writeLong(self.getLeastSignificantBits());
            out.writeByte(kind.ordinal());
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Delivery> deliveries(DataInputStream in) {
        return read(in, ClusterWire::readDeliveries);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T read(DataInputStream in, Reader<T> reader) {
        try {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ITopic<byte[]> topic(UUID node) {
        return grid.getTopic(TOPIC_PREFIX + node);
    }
}
