package io.spdypush.bench;

import io.netty.buffer.ByteBuf;
import io.spdypush.bench.web.StampedText;
import java.nio.charset.StandardCharsets;

/** Bench payloads ({@link StampedText}) as bytes, and their stamps read back. */
final class Payloads {

    private Payloads() {
    }

    static byte[] bytes(long sentNanos, int size) {
        return StampedText.of(sentNanos, size).getBytes(StandardCharsets.US_ASCII);
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
