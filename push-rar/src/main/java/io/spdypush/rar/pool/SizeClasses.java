package io.spdypush.rar.pool;

/**
 * The block sizes a pool hands out and keeps for reuse: 64 bytes, then four steps between each power of two
 * and the next (80, 96, 112, 128, 160, ...) up to {@link #LARGEST} bytes, so that no buffer wastes more than a
 * fifth of its block, however long it is held. Larger requests get a block of exactly their size, not kept.
 */
final class SizeClasses {

    /** The largest block kept for reuse: a DATA frame's worth, larger than any usual message. */
    static final int LARGEST = 64 * 1024;
    private static final int SMALLEST = 64;
    private static final int STEPS_PER_DOUBLING = 4;
    private static final int SMALLEST_EXPONENT = Integer.numberOfTrailingZeros(SMALLEST);

    /** How many classes there are; class indexes run from 0 to this, exclusive. */
    static final int COUNT = indexOf(LARGEST) + 1;

    private SizeClasses() {
    }

    /** The class of a block that holds {@code bytes}, at most {@link #LARGEST}. */
    static int indexOf(int bytes) {
        if (bytes <= SMALLEST) {
            return 0;
        }
        int exponent = 31 - Integer.numberOfLeadingZeros(bytes - 1);
        int step = 1 << (exponent - 2);
        int steps = (bytes - (1 << exponent) + step - 1) / step;
        return (exponent - SMALLEST_EXPONENT) * STEPS_PER_DOUBLING + steps;
    }

    /** The block length of class {@code index}. */
    static int sizeOf(int index) {
        if (index == 0) {
            return SMALLEST;
        }
        int exponent = SMALLEST_EXPONENT + (index - 1) / STEPS_PER_DOUBLING;
        int steps = (index - 1) % STEPS_PER_DOUBLING + 1;
        return (1 << exponent) + steps * (1 << (exponent - 2));
    }
}
