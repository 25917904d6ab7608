package io.spdypush.rar.spdy;

import io.spdypush.api.SessionInfo;
import io.spdypush.api.TopicInfo;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The push sessions online: the set a broadcast goes to, the directory the pages page through, the topics'
 * subscribers, and how many sessions opened and closed. Thread-safe.
 */
final class OnlineSessions {

    private final Map<String, PushSession> online = new ConcurrentHashMap<>();
    private final SessionDirectory directory = new SessionDirectory();
    private final TopicSubscriptions<PushSession> topics = new TopicSubscriptions<>();
    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();

    void add(PushSession session) {
        opened.increment();
        online.put(session.sessionId(), session);
        directory.add(session);
        topics.subscribe(session, session.topics());
    }

    void remove(PushSession session) {
        closed.increment();
        topics.unsubscribe(session, session.topics());
        online.remove(session.sessionId());
        directory.remove(session);
    }

    int count() {
        return online.size();
    }

    long opened() {
        return opened.sum();
    }

    long closed() {
        return closed.sum();
    }

    Collection<PushSession> all() {
        return online.values();
    }

    /** The online session with this {@code push-session} id, or null. */
    PushSession find(String sessionId) {
        return online.get(sessionId);
    }

    Collection<PushSession> subscribers(String topic) {
        return topics.subscribers(topic);
    }

    int topicCount() {
        return topics.topicCount();
    }

    /** One page of the sessions whose client id starts with {@code clientIdPrefix}, by client id. */
    List<SessionInfo> page(String clientIdPrefix, int offset, int limit) {
        return directory.page(clientIdPrefix, offset, limit).stream().map(PushSession::info).toList();
    }

    /** One page of the topics with subscribers whose name starts with {@code namePrefix}, by name. */
    List<TopicInfo> topicPage(String namePrefix, int offset, int limit) {
        return topics.page(namePrefix, offset, limit);
    }
}
