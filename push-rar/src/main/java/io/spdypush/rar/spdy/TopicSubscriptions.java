package io.spdypush.rar.spdy;

import io.spdypush.api.TopicInfo;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which sessions subscribed to which topic with {@code push-topics} (docs/PROTOCOL.md §2). Thread-safe:
 * a topic's set is changed only inside the map's own atomic update of that topic, so a session
 * that subscribes while the last one leaves is never added to a set just dropped from the map.
 *
 * @param <S> a session
 */
final class TopicSubscriptions<S> {

    private final ConcurrentMap<String, Set<S>> sessionsByTopic = new ConcurrentHashMap<>();

    void subscribe(S session, List<String> topics) {
        for (String topic : topics) {
            sessionsByTopic.compute(topic, (name, sessions) -> {
                Set<S> subscribed = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
                subscribed.add(session);
                return subscribed;
            });
        }
    }

    void unsubscribe(S session, List<String> topics) {
        for (String topic : topics) {
            sessionsByTopic.computeIfPresent(topic, (name, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    Set<S> subscribers(String topic) {
        return sessionsByTopic.getOrDefault(topic, Set.of());
    }

    /**
     * The topics whose name starts with the prefix, by name, one page of them. It sorts the matching
     * names on each call: pages ask for it rarely, and the delivery path keeps its hash map.
     */
    List<TopicInfo> page(String namePrefix, int offset, int limit) {
        return sessionsByTopic.entrySet().stream()
                .filter(topic -> topic.getKey().startsWith(namePrefix))
                .map(topic -> new TopicInfo(topic.getKey(), topic.getValue().size()))
                .filter(topic -> topic.subscribers() > 0)
                .sorted(Comparator.comparing(TopicInfo::name))
                .skip(offset).limit(limit)
                .toList();
    }

    int topicCount() {
        return sessionsByTopic.size();
    }
}
