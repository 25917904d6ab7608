package io.spdypush.spdy;

import java.util.zip.Inflater;

/**
 * What the next bytes of a zlib stream may refer back to: the last 32 KiB of its preset dictionary
 * followed by everything inflated so far. Holds only the inflated bytes, in an array that grows
 * with them up to 32 KiB (a session's push request adds about 300 bytes, each ack request about 140);
 * the dictionary is a constant shared by all sessions and is joined to them only while a block is
 * inflated.
 */
final class ZlibWindow {

    /** Deflate's largest back-reference distance, so all that a stream can look back on. */
    static final int SIZE = 32 * 1024;

    private static final byte[] NOTHING_YET = new byte[0];

    private byte[] inflated = NOTHING_YET;

    /** Remembers bytes just inflated, forgetting what falls out of the window. */
    void append(byte[] bytes, int offset, int length) {
        int windowLength = Math.min(SIZE, inflated.length + length);
        int taken = Math.min(length, windowLength);
        int kept = windowLength - taken;
        byte[] window = windowLength == inflated.length ? inflated : new byte[windowLength];
        System.arraycopy(inflated, inflated.length - kept, window, 0, kept);
        System.arraycopy(bytes, offset + length - taken, window, kept, taken);
        inflated = window;
    }

    /**
     * Gives a raw (nowrap) {@code Inflater} this window as its dictionary, so that it continues the
     * stream where the last inflated bytes left off.
     *
     * @param dictionary the stream's preset dictionary
     * @param scratch    {@link #SIZE} bytes to join the dictionary and the inflated bytes in
     */
    void presetInto(Inflater inflater, byte[] dictionary, byte[] scratch) {
        if (inflated.length == SIZE) {
            inflater.setDictionary(inflated);
            return;
        }
        int fromDictionary = Math.min(dictionary.length, SIZE - inflated.length);
        System.arraycopy(dictionary, dictionary.length - fromDictionary, scratch, 0, fromDictionary);
        System.arraycopy(inflated, 0, scratch, fromDictionary, inflated.length);
        inflater.setDictionary(scratch, 0, fromDictionary + inflated.length);
    }
}
