package io.spdypush.testkit;

import io.spdypush.api.AdapterStatus;
import io.spdypush.api.Audience;
import io.spdypush.api.Delivery;
import io.spdypush.api.LatencySummary;
import io.spdypush.api.MessageCounts;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import io.spdypush.api.SessionInfo;
import io.spdypush.protocol.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PushSender} in memory, for the unit tests of code that pushes: it records every message sent, and answers
 * each recipient as the test tells it, accepted (the default, with seqs from 1 per client), refused with a reason,
 * or deferred (as inside a transaction). Messages to a topic or to everyone reach the sessions the test put
 * {@link #online}. An accepted at-least-once copy is pending until the test {@link #acknowledge}s it, as a client
 * would: sessions and the status count it meanwhile. Thread-safe.
 * <pre>{@code
 * RecordingPushSender push = new RecordingPushSender();
 * new OrderNotifier(push).orderShipped("device-42", order);
 * assertEquals("shipped", new String(push.sentTo("device-42").get(0).payload(), UTF_8));
 * }</pre>
 */
public final class RecordingPushSender implements PushSender {

    /** The secret {@link #mintToken} signs with: at least 32 bytes, as the server requires. */
    public static final String TOKEN_SECRET = "recording-push-sender-test-secret";

    private enum Answer { ACCEPT, REFUSE, DEFER }

    private final List<PushMessage> sent = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> lastSeqs = new ConcurrentHashMap<>();
    /** Each client's accepted at-least-once copies not yet acknowledged, by seq. */
    private final Map<String, ConcurrentSkipListMap<Long, PushMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Map<String, SessionInfo> sessions = new ConcurrentSkipListMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private volatile Answer answer = Answer.ACCEPT;
    private volatile String refusal;

    /** Accepts every copy from now on, each with the next seq of its client: the default. */
    public RecordingPushSender accepting() {
        answer = Answer.ACCEPT;
        return this;
    }

    /** Refuses every copy from now on with {@code reason}, as the server does when an outbox is full, say. */
    public RecordingPushSender refusing(String reason) {
        refusal = reason;
        answer = Answer.REFUSE;
        return this;
    }

    /** Answers every copy DEFERRED from now on, as inside a transaction that has not committed yet. */
    public RecordingPushSender deferring() {
        answer = Answer.DEFER;
        return this;
    }

    /** Puts a session of the client online, subscribed to the topics: messages to them or to everyone reach it. */
    public RecordingPushSender online(String clientId, String... topics) {
        sessions.put(clientId, new SessionInfo(clientId, "session-" + clientId, "127.0.0.1:0", Instant.now(), null, 0,
                List.of(topics), 0, "", "spdy/3.1"));
        return this;
    }

    /** Every message sent, in order, whatever it was answered. */
    public List<PushMessage> sent() {
        return List.copyOf(sent);
    }

    /** The messages sent that reached the client: to its id, or to a topic of its session or to everyone. */
    public List<PushMessage> sentTo(String clientId) {
        return sent.stream().filter(message -> recipients(message).contains(clientId)).toList();
    }

    /** The client's accepted at-least-once messages it has not acknowledged, in seq order. */
    public List<PushMessage> pending(String clientId) {
        return List.copyOf(pendingOf(clientId).values());
    }

    /**
     * Acknowledges the client's pending messages up to {@code seq}, as a client's acknowledgement does (it is
     * cumulative).
     *
     * @return the messages it acknowledged, in seq order
     */
    public List<PushMessage> acknowledge(String clientId, long seq) {
        ConcurrentSkipListMap<Long, PushMessage> of = pendingOf(clientId);
        List<PushMessage> messages = new ArrayList<>();
        for (Map.Entry<Long, PushMessage> first = of.firstEntry(); first != null && first.getKey() <= seq;
             first = of.firstEntry()) {
            if (of.remove(first.getKey(), first.getValue())) {
                messages.add(first.getValue());
            }
        }
        acknowledged.addAndGet(messages.size());
        return messages;
    }

    /** Acknowledges every message pending for the client. */
    public List<PushMessage> acknowledge(String clientId) {
        return acknowledge(clientId, Long.MAX_VALUE);
    }

    /** Forgets what was sent, the seqs, what is pending and the sessions, and accepts again. */
    public void clear() {
        sent.clear();
        lastSeqs.clear();
        pending.clear();
        sessions.clear();
        accepted.set(0);
        acknowledged.set(0);
        accepting();
    }

    @Override
    public List<Delivery> send(PushMessage message) {
        sent.add(message);
        List<Delivery> deliveries = new ArrayList<>();
        for (String clientId : recipients(message)) {
            deliveries.add(switch (answer) {
                case ACCEPT -> {
                    accepted.incrementAndGet();
                    long seq = lastSeqs.computeIfAbsent(clientId, id -> new AtomicLong()).incrementAndGet();
                    if (message.qos() == PushMessage.QualityOfService.AT_LEAST_ONCE) {
                        pendingOf(clientId).put(seq, message);
                    }
                    yield Delivery.accepted(clientId, message.id(), seq);
                }
                case REFUSE -> Delivery.refused(clientId, message.id(), refusal);
                case DEFER -> Delivery.deferred(clientId, message.id());
            });
        }
        return deliveries;
    }

    /** A real token (docs/PROTOCOL.md §7), signed with {@link #TOKEN_SECRET}. */
    @Override
    public String mintToken(String clientId, Duration validFor) {
        return Tokens.mint(TOKEN_SECRET, clientId, Instant.now().plus(validFor).getEpochSecond());
    }

    /** The sessions online, the copies accepted, pending and acknowledged; every other figure 0. */
    @Override
    public AdapterStatus status() {
        long pendingNow = pending.values().stream().mapToLong(Map::size).sum();
        int largest = pending.values().stream().mapToInt(Map::size).max().orElse(0);
        return new AdapterStatus("127.0.0.1", 0, sessions.size(), sessions.size(), 0, sessions.size(), pendingNow,
                largest, 0, new MessageCounts(accepted.get(), Map.of(), 0, acknowledged.get(), 0, 0),
                new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of()), Map.of(), List.of(), true);
    }

    @Override
    public List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit) {
        return sessions.values().stream().filter(session -> session.clientId().startsWith(clientIdPrefix))
                .skip(offset).limit(limit).map(this::withPending).toList();
    }

    @Override
    public Optional<SessionInfo> session(String clientId) {
        return Optional.ofNullable(sessions.get(clientId)).map(this::withPending);
    }

    private SessionInfo withPending(SessionInfo session) {
        return new SessionInfo(session.clientId(), session.sessionId(), session.remoteAddress(), session.connectedAt(),
                session.lastHeartbeat(), session.openStreams(), session.topics(), pendingOf(session.clientId()).size(),
                session.node(), session.transport());
    }

    private ConcurrentSkipListMap<Long, PushMessage> pendingOf(String clientId) {
        return pending.computeIfAbsent(clientId, id -> new ConcurrentSkipListMap<>());
    }

    @Override
    public boolean disconnect(String clientId) {
        return sessions.remove(clientId) != null;
    }

    private List<String> recipients(PushMessage message) {
        Audience audience = message.audience();
        if (audience instanceof Audience.Client one) {
            return List.of(one.clientId());
        }
        if (audience instanceof Audience.Clients many) {
            return many.clientIds().stream().distinct().toList();
        }
        return sessions.values().stream()
                .filter(session -> !(audience instanceof Audience.Topic topic) || session.topics().contains(topic.name()))
                .map(SessionInfo::clientId).toList();
    }
}
