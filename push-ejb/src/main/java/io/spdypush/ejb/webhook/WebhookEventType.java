package io.spdypush.ejb.webhook;

import io.spdypush.ejb.DeliveryOutcome;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a webhook can be told of, by the name its JSON and its registration use. */
public enum WebhookEventType {
    DELIVERED("delivered"),
    EXPIRED("expired"),
    REFUSED("refused"),
    COLLAPSED("collapsed"),
    CANCELLED("cancelled"),
    SESSION_OPENED("session.opened"),
    SESSION_CLOSED("session.closed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The event a stored message's new state is, or null for PENDING, which is no event. */
    static WebhookEventType of(DeliveryOutcome.State state) {
        return switch (state) {
            case PENDING -> null;
            case DELIVERED -> DELIVERED;
            case EXPIRED -> EXPIRED;
            case REFUSED -> REFUSED;
            case COLLAPSED -> COLLAPSED;
            case CANCELLED -> CANCELLED;
        };
    }

    /**
     * The events a comma-separated list names; all of them when it is empty or null.
     *
     * @throws IllegalArgumentException naming an unknown event and the known ones
     */
    public static Set<WebhookEventType> parseList(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(WebhookEventType.class);
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : list.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            events.add(Arrays.stream(values()).filter(type -> type.wireName.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event \"" + name.strip()
                            + "\"; the events are " + allNames())));
        }
        return events;
    }

    /** The events as the comma-separated list {@link #parseList} reads. */
    public static String listOf(Set<WebhookEventType> events) {
        return events.stream().map(WebhookEventType::wireName).collect(Collectors.joining(","));
    }

    private static String allNames() {
        return listOf(EnumSet.allOf(WebhookEventType.class));
    }
}
