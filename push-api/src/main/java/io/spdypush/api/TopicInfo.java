package io.spdypush.api;

/**
 * A topic with at least one session subscribed to it ({@code push-topics}, docs/PROTOCOL.md §2).
 *
 * @param name        the topic
 * @param subscribers the sessions online subscribed to it
 */
public record TopicInfo(String name, int subscribers) {
}
