package io.spdypush.bench.web;

import java.util.Arrays;

/**
 * Bench payloads: ASCII text that starts with the sender's {@link System#nanoTime()} and a space,
 * padded with 'x' to a fixed size, so that the same bytes travel as a push packet, a WebSocket text
 * frame and an SSE data line, and the receiver can tell how long they took. Shared by the bench
 * process and the senders that run inside the server.
 */
public final class StampedText {

    private StampedText() {
    }

    public static String of(long sentNanos, int size) {
        String stamp = sentNanos + " ";
        if (stamp.length() >= size) {
            return stamp;
        }
        char[] pad = new char[size - stamp.length()];
        Arrays.fill(pad, 'x');
        return stamp + new String(pad);
    }
}
