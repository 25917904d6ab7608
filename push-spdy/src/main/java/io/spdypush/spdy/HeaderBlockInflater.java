package io.spdypush.spdy;

import java.nio.ByteBuffer;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the header blocks that one side of a SPDY/3 session sends, keeping between them only the
 * stream's {@link ZlibWindow}. SPDY/3 compresses all header blocks of a direction as one zlib stream
 * with a preset dictionary, and the sender ends each block with a sync flush, so every block is whole
 * deflate blocks ending on a byte boundary: the window is then all the state that carries over, and
 * each block can be inflated by the thread's shared Inflater ({@link ThreadZlib}), primed with
 * the window. The window is as large as the zlib header declares (CINFO: 256 bytes to 32 KiB), so a sender that
 * declares a small one costs the session little, and one that then refers further back is caught. One instance per
 * session and direction, used by one thread at a time.
 */
public final class HeaderBlockInflater {

    /** Receives a header block's bytes as they are inflated, a chunk at a time. */
    @FunctionalInterface
    public interface Output {

        /**
         * Must not inflate a header block itself: the chunk and the Inflater belong to the
         * thread, not to this session.
         */
        void write(byte[] bytes, int offset, int length) throws Exception;
    }

    private enum State { BEFORE_ZLIB_HEADER, BETWEEN_BLOCKS, BROKEN }

    /** CMF, FLG and the dictionary id. */
    private static final int ZLIB_HEADER_BYTES = 6;
    private static final int DEFLATE_METHOD = 8;
    private static final int LARGEST_WINDOW_INFO = 7;
    /** CINFO is the base-2 logarithm of the window size, minus 8. */
    private static final int WINDOW_INFO_OFFSET = 8;
    private static final int PRESET_DICTIONARY_FLAG = 0x20;
    /** BFINAL 1, BTYPE 00 (stored), LEN 0, NLEN 0xffff: an empty final block. */
    private static final byte[] EMPTY_FINAL_BLOCK = {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final byte[] dictionary;
    /** Null until the zlib header has told its size. */
    private ZlibWindow window;
    private State state = State.BEFORE_ZLIB_HEADER;

    /** @param dictionary the stream's preset dictionary, shared, never modified */
    public HeaderBlockInflater(byte[] dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * Inflates the next header block of the stream, whole: a block inflated in pieces would need
     * the Inflater to keep its state between them.
     *
     * @throws DataFormatException if the block is not the continuation of a valid stream that the
     *                             sender sync-flushes
     * @throws Exception           what {@code output} throws. After any exception the stream cannot be
     *                             followed any further, so every later call fails too
     */
    public void inflate(ByteBuffer block, Output output) throws Exception {
        if (state == State.BROKEN) {
            throw new DataFormatException("an earlier header block of this session could not be read");
        }
        try {
            if (state == State.BEFORE_ZLIB_HEADER) {
                readZlibHeader(block);
                state = State.BETWEEN_BLOCKS;
            }
            inflateDeflateBlocks(block, output);
        } catch (Throwable e) {
            state = State.BROKEN;
            throw e;
        }
    }

    /**
     * Packs the window until the next block, for a session that has gone quiet (see {@link ZlibWindow#compact}).
     */
    public void compact() {
        if (packable()) {
            window.compact(ThreadZlib.current());
        }
    }

    /** Whether the window is worth {@link #compact packing}. */
    public boolean packable() {
        return state == State.BETWEEN_BLOCKS && window.packable();
    }

    /** The bytes the stream's window holds now: what the stream costs its session between blocks. */
    public int heldBytes() {
        return window == null ? 0 : window.heldBytes();
    }

    /** Gives the stream up after bytes of it were dropped unread: later blocks may refer back to them. */
    public void abandon() {
        state = State.BROKEN;
    }

    private void readZlibHeader(ByteBuffer block) throws DataFormatException {
        if (block.remaining() < ZLIB_HEADER_BYTES) {
            throw new DataFormatException("the session's first header block has " + block.remaining()
                    + " bytes, too few for the zlib header and dictionary id (6 bytes)");
        }
        int method = block.get() & 0xff;
        int flags = block.get() & 0xff;
        if ((method & 0x0f) != DEFLATE_METHOD || method >>> 4 > LARGEST_WINDOW_INFO
                || ((method << 8) | flags) % 31 != 0) {
            throw new DataFormatException(String.format(
                    "header blocks do not start with a zlib header (0x%02x%02x)", method, flags));
        }
        if ((flags & PRESET_DICTIONARY_FLAG) == 0) {
            throw new DataFormatException("header blocks are compressed without the SPDY/3 dictionary"
                    + " (zlib header 0x" + Integer.toHexString(method << 8 | flags) + " has no FDICT flag)");
        }
        window = new ZlibWindow(1 << ((method >>> 4) + WINDOW_INFO_OFFSET));
        int dictionaryId = (block.get() & 0xff) << 24 | (block.get() & 0xff) << 16
                | (block.get() & 0xff) << 8 | block.get() & 0xff;
        int expectedId = adler32(dictionary);
        if (dictionaryId != expectedId) {
            throw new DataFormatException(String.format("header blocks are compressed with the dictionary"
                    + " whose Adler-32 is 0x%08x, not with the SPDY/3 one (0x%08x)", dictionaryId, expectedId));
        }
    }

    private void inflateDeflateBlocks(ByteBuffer block, Output output) throws Exception {
        ThreadZlib borrowed = ThreadZlib.current();
        Inflater inflater = borrowed.inflater;
        try {
            window.presetInto(inflater, dictionary, borrowed.preset);
            inflater.setInput(block);
            byte[] chunk = borrowed.output;
            // inflate returns 0 once the input is used up (or the stream has ended), never before.
            for (int length; (length = inflater.inflate(chunk)) > 0; ) {
                window.append(chunk, 0, length);
                output.write(chunk, 0, length);
            }
            requireEndBetweenDeflateBlocks(inflater, chunk);
        } finally {
            inflater.reset();
        }
    }

    /**
     * Java's Inflater does not tell whether the input ended between two deflate blocks, but it did if
     * an empty final block, fed now, ends the stream at once without output. Inside a block the same
     * five bytes are data, codes or a stored length that does not check, so a sender that does not
     * sync-flush is caught; one that shapes its stream to pass only garbles its own header blocks.
     */
    private static void requireEndBetweenDeflateBlocks(Inflater inflater, byte[] scratch) throws DataFormatException {
        if (inflater.finished()) {
            throw new DataFormatException("a header block ends the zlib stream, which SPDY/3 keeps open"
                    + " for the whole session");
        }
        inflater.setInput(EMPTY_FINAL_BLOCK);
        boolean betweenBlocks;
        try {
            betweenBlocks = inflater.inflate(scratch) == 0 && inflater.finished() && inflater.getRemaining() == 0;
        } catch (DataFormatException insideABlock) {
            betweenBlocks = false;
        }
        if (!betweenBlocks) {
            throw new DataFormatException("a header block does not end with a zlib sync flush, which SPDY/3"
                    + " requires after each header block; the stream cannot be followed further");
        }
    }

    private static int adler32(byte[] bytes) {
        Adler32 adler32 = new Adler32();
        adler32.update(bytes);
        return (int) adler32.getValue();
    }
}
