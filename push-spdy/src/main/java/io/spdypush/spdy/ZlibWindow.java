package io.spdypush.spdy;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What the next bytes of a zlib stream may refer back to: the last bytes of its preset dictionary followed by
 * everything inflated so far, as many as the window its sender declared (at most 32 KiB). Holds only the inflated
 * bytes, in an array that grows by half with them up to the window (a session's push request adds about 300
 * bytes, each ack request about 140): growing by what each block adds would copy a busy session's window hundreds
 * of times before it is full. The dictionary is a constant shared by all sessions and is joined to them only while
 * a block is inflated.
 * <p>
 * A sender that declares the full 32 KiB (as every zlib compressor does by default) would make each long-lived
 * session keep 32 KiB, most of it its own acknowledgements over and over. So an idle session's window can be
 * {@link #compact packed}: deflated, the repeats of header blocks take a few hundred bytes. It is unpacked at the
 * next block.
 */
final class ZlibWindow {

    /** Deflate's largest back-reference distance, so all that a stream can look back on. */
    static final int SIZE = 32 * 1024;
    /** Below this a window is left as it is: packing would save less than the packed array costs. */
    static final int PACK_ABOVE_BYTES = 512;

    private static final byte[] NOTHING_YET = new byte[0];

    private final int capacity;
    private byte[] window = NOTHING_YET;
    /** How many bytes of {@code window}, from its start, are the inflated bytes. */
    private int length;
    /** The inflated bytes deflated, while the window is packed; null otherwise. */
    private byte[] packed;

    /** @param capacity the window the sender declared in its zlib header, at most {@link #SIZE} */
    ZlibWindow(int capacity) {
        if (capacity <= 0 || capacity > SIZE) {
            throw new IllegalArgumentException("a zlib window holds 1 to " + SIZE + " bytes, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Remembers bytes just inflated (after {@link #presetInto}), forgetting what falls out of the window. */
    void append(byte[] bytes, int offset, int count) {
        int newLength = Math.min(capacity, length + count);
        int taken = Math.min(count, newLength);
        int kept = newLength - taken;
        if (newLength > window.length) {
            byte[] grown = new byte[Math.min(capacity, Math.max(newLength, window.length + window.length / 2))];
            System.arraycopy(window, length - kept, grown, 0, kept);
            window = grown;
        } else if (kept < length) {
            System.arraycopy(window, length - kept, window, 0, kept);
        }
        System.arraycopy(bytes, offset + count - taken, window, kept, taken);
        length = newLength;
    }

    /**
     * Gives a raw (nowrap) {@code Inflater} this window as its dictionary, so that it continues the stream where the
     * last inflated bytes left off. A back-reference beyond it then fails to inflate, also one within the 32 KiB
     * deflate allows but beyond the window the sender declared.
     *
     * @param inflater   new or reset; unpacks the window first if it is packed
     * @param dictionary the stream's preset dictionary
     * @param scratch    {@link #SIZE} bytes to join the dictionary and the inflated bytes in
     * @throws DataFormatException never, unless the packed window was damaged
     */
    void presetInto(Inflater inflater, byte[] dictionary, byte[] scratch) throws DataFormatException {
        unpack(inflater);
        if (length == capacity) {
            inflater.setDictionary(window, 0, length);
            return;
        }
        int fromDictionary = Math.min(dictionary.length, capacity - length);
        System.arraycopy(dictionary, dictionary.length - fromDictionary, scratch, 0, fromDictionary);
        System.arraycopy(window, 0, scratch, fromDictionary, length);
        inflater.setDictionary(scratch, 0, fromDictionary + length);
    }

    /** Whether {@link #compact} would make the window smaller: it is held as it is, and long enough. */
    boolean packable() {
        return packed == null && length > PACK_ABOVE_BYTES;
    }

    /**
     * Packs the window, deflated by the thread's Deflater, until the next block; leaves it as it is when it does
     * not deflate to less than half (bytes without repeats).
     */
    void compact(ThreadZlib zlib) {
        if (!packable()) {
            return;
        }
        Deflater packer = zlib.packer();
        byte[] into = zlib.packed();
        try {
            packer.setInput(window, 0, length);
            packer.finish();
            int packedLength = packer.deflate(into);
            if (packer.finished() && packedLength < length / 2) {
                packed = Arrays.copyOf(into, packedLength);
                window = NOTHING_YET;
            }
        } finally {
            packer.reset();
        }
    }

    /** The bytes the window holds now, packed or not: what it costs its session. */
    int heldBytes() {
        return packed != null ? packed.length : window.length;
    }

    private void unpack(Inflater inflater) throws DataFormatException {
        if (packed == null) {
            return;
        }
        byte[] unpacked = new byte[Math.min(capacity, length + length / 2)];
        inflater.setInput(packed);
        int unpackedLength = 0;
        for (int more; unpackedLength < length
                && (more = inflater.inflate(unpacked, unpackedLength, length - unpackedLength)) > 0; ) {
            unpackedLength += more;
        }
        // With the output exactly full, zlib may not have read the end of the stream yet: one more call does.
        boolean whole = unpackedLength == length
                && (inflater.finished() || inflater.inflate(new byte[1]) == 0 && inflater.finished());
        inflater.reset();
        if (!whole) {
            throw new DataFormatException("a packed zlib window unpacked to " + unpackedLength + " of its " + length
                    + " bytes");
        }
        window = unpacked;
        packed = null;
    }
}
