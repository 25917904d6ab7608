package io.netty.handler.codec.spdy;

import java.io.ByteArrayOutputStream;

/**
 * Writes one non-final deflate block with fixed Huffman codes, followed by a sync flush, bit by bit:
 * for the back-reference of the full 32 KiB that zlib's own compressor never makes (it stops at
 * 32 506), but other compressors may.
 */
final class FixedHuffmanBlock {

    private static final int FIXED_HUFFMAN = 1;
    private static final int STORED = 0;
    private static final int END_OF_BLOCK = 256;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int pendingBits;
    private int pendingBitCount;

    FixedHuffmanBlock() {
        bits(0, 1); // BFINAL
        bits(FIXED_HUFFMAN, 2);
    }

    FixedHuffmanBlock literals(byte[] literals) {
        for (byte literal : literals) {
            int value = literal & 0xff;
            if (value < 144) {
                code(0x30 + value, 8);
            } else {
                code(0x190 + value - 144, 9);
            }
        }
        return this;
    }

    /**
     * Copies 3 to 10 bytes from 32 768 bytes back: length code 254 + length, distance code 29 with the
     * largest extra value, 8191.
     */
    FixedHuffmanBlock copyFromTheFarEndOfTheWindow(int length) {
        if (length < 3 || length > 10) {
            throw new IllegalArgumentException("length " + length + " needs extra bits; only 3-10 are written");
        }
        code(254 + length - 256, 7);
        code(29, 5);
        bits(32_768 - 24_577, 13);
        return this;
    }

    /** Ends the block and sync-flushes: an empty stored block on a byte boundary. */
    byte[] syncFlushed() {
        code(END_OF_BLOCK - 256, 7);
        bits(0, 1);
        bits(STORED, 2);
        if (pendingBitCount > 0) {
            bits(0, 8 - pendingBitCount);
        }
        bytes.writeBytes(new byte[] {0x00, 0x00, (byte) 0xff, (byte) 0xff});
        return bytes.toByteArray();
    }

    /** A Huffman code goes out from its most significant bit. */
    private void code(int code, int length) {
        for (int bit = length - 1; bit >= 0; bit--) {
            bits(code >>> bit & 1, 1);
        }
    }

    /** Other fields go out from their least significant bit. */
    private void bits(int value, int count) {
        pendingBits |= value << pendingBitCount;
        pendingBitCount += count;
        while (pendingBitCount >= 8) {
            bytes.write(pendingBits & 0xff);
            pendingBits >>>= 8;
            pendingBitCount -= 8;
        }
    }
}
