package io.spdypush.rar.statistics;

/** Why the adapter refused a copy of a message, as the statistics count it; the sender gets the reason in words. */
public enum RefusalKind {
    /** The client's outbox holds outboxMaxMessages messages or outboxMaxBytes bytes. */
    OUTBOX_FULL,
    /** The outboxes of all clients together hold outboxMaxTotalBytes bytes. */
    OUTBOX_MEMORY_FULL,
    /** The memory pool the message would be encoded in (message or server) is at its cap. */
    MEMORY_POOL_FULL,
    /** The payload is over maxPayloadBytes. */
    PAYLOAD_TOO_LARGE,
    /** The meta lines are over what a push packet can carry. */
    META_TOO_LARGE,
    /** The message had expired when it was handed to the adapter. */
    ALREADY_EXPIRED,
    /** The adapter is stopping. */
    SHUTTING_DOWN
}
