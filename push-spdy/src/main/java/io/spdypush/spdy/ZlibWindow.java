package io.spdypush.spdy;

import java.util.zip.Inflater;

/**
 * What the next bytes of a zlib stream may refer back to: the last 32 KiB of its preset dictionary
 * followed by everything inflated so far. Holds only the inflated bytes, in an array that grows by
 * half with them up to 32 KiB (a session's push request adds about 300 bytes, each ack request about
 * 140): growing by what each block adds would copy a busy session's window hundreds of times before it
 * is full. The dictionary is a constant shared by all sessions and is joined to them only while a
 * block is inflated.
 */
final class ZlibWindow {

    /** Deflate's largest back-reference distance, so all that a stream can look back on. */
    static final int SIZE = 32 * 1024;

    private static final byte[] NOTHING_YET = new byte[0];

    private byte[] window = NOTHING_YET;
    /** How many bytes of {@code window}, from its start, are the inflated bytes. */
    private int length;

    /** Remembers bytes just inflated, forgetting what falls out of the window. */
    void append(byte[] bytes, int offset, int count) {
        int newLength = Math.min(SIZE, length + count);
        int taken = Math.min(count, newLength);
        int kept = newLength - taken;
        if (newLength > window.length) {
            byte[] grown = new byte[Math.min(SIZE, Math.max(newLength, window.length + window.length / 2))];
            System.arraycopy(window, length - kept, grown, 0, kept);
            window = grown;
        } else if (kept < length) {
            System.arraycopy(window, length - kept, window, 0, kept);
        }
        System.arraycopy(bytes, offset + count - taken, window, kept, taken);
        length = newLength;
    }

    /**
     * Gives a raw (nowrap) {@code Inflater} this window as its dictionary, so that it continues the
     * stream where the last inflated bytes left off.
     *
     * @param dictionary the stream's preset dictionary
     * @param scratch    {@link #SIZE} bytes to join the dictionary and the inflated bytes in
     */
    void presetInto(Inflater inflater, byte[] dictionary, byte[] scratch) {
        if (length == SIZE) {
            inflater.setDictionary(window, 0, SIZE);
            return;
        }
        int fromDictionary = Math.min(dictionary.length, SIZE - length);
        System.arraycopy(dictionary, dictionary.length - fromDictionary, scratch, 0, fromDictionary);
        System.arraycopy(window, 0, scratch, fromDictionary, length);
        inflater.setDictionary(scratch, 0, fromDictionary + length);
    }
}
