package io.spdypush.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random message ids in the form of version 4 UUIDs. An id must be unique per sender, not secret,
 * so it comes from the thread's own random generator: {@code UUID.randomUUID()} draws on the
 * JVM's one shared SecureRandom, on which every sending thread waited under load (the bench
 * saw 1.7 s of waiting in 16 s of sends).
 */
final class MessageIds {

    private static final long VERSION_MASK = 0xffffffffffff0fffL;
    private static final long VERSION_4 = 0x0000000000004000L;
    private static final long VARIANT_MASK = 0x3fffffffffffffffL;
    private static final long VARIANT_IETF = 0x8000000000000000L;

    private MessageIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & VERSION_MASK) | VERSION_4;
        long low = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
        return new UUID(high, low).toString();
    }
}
