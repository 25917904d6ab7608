package io.spdypush.protocol;

/**
 * The rule for topic names (docs/PROTOCOL.md §2, {@code push-topics}): 1–128 chars of {@code [A-Za-z0-9._:@/-]}.
 * They travel in a comma-separated header and in a meta line, so they are kept plain.
 */
public final class TopicNames {

    private TopicNames() {
    }

    public static boolean isValid(String name) {
        return ClientIds.isPlainName(name, "._:@/-");
    }
}
