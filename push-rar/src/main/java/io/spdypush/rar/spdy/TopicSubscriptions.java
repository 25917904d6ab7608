package io.spdypush.rar.spdy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Which sessions subscribed to which topic with {@code push-topics} (PROTOCOL.md §2). Thread-safe. */
final class TopicSubscriptions {

    private final ConcurrentMap<String, Set<PushSession>> sessionsByTopic = new ConcurrentHashMap<>();

    void subscribe(PushSession session, List<String> topics) {
        for (String topic : topics) {
            sessionsByTopic.computeIfAbsent(topic, name -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    void unsubscribe(PushSession session, List<String> topics) {
        for (String topic : topics) {
            sessionsByTopic.computeIfPresent(topic, (name, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    Set<PushSession> subscribers(String topic) {
        return sessionsByTopic.getOrDefault(topic, Set.of());
    }

    int topicCount() {
        return sessionsByTopic.size();
    }
}
