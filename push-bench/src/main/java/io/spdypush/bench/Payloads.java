package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bench payloads: ASCII text that starts with the sender's {@link System#nanoTime()} and a space, padded
 * with 'x' to a fixed size, so that the same bytes travel as a push packet, a WebSocket text frame and an
 * SSE data line.
 */
final class Payloads {

    private Payloads() {
    }

    static String of(long sentNanos, int size) {
        String stamp = sentNanos + " ";
        if (stamp.length() >= size) {
            return stamp;
        }
        char[] pad = new char[size - stamp.length()];
        Arrays.fill(pad, 'x');
        return stamp + new String(pad);
    }

    static byte[] bytes(long sentNanos, int size) {
        return of(sentNanos, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** The stamp at the start of text, or 0 when there is none. */
    static long sentNanos(CharSequence text, int from) {
        long value = 0;
        boolean digits = false;
        boolean negative = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' && i == from) {
                negative = true;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits = true;
            } else {
                break;
            }
        }
        return digits ? (negative ? -value : value) : 0;
    }

    static long sentNanos(ByteBuf buf, int from, int to) {
        long value = 0;
        boolean negative = false;
        for (int i = from; i < to; i++) {
            byte c = buf.getByte(i);
            if (c == '-' && i == from) {
                negative = true;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
            } else {
                break;
            }
        }
        return negative ? -value : value;
    }
}
