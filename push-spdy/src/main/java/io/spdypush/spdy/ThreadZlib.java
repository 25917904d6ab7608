package io.spdypush.spdy;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The native zlib state of a thread, lent in turn to all the sessions the thread serves, with the scratch arrays
 * that go with it: an {@code Inflater} for their header blocks, so that a session keeps no zlib inflate state
 * (about 10 KiB of native memory) between its header blocks, and a {@code Deflater}, made at the first use, that
 * packs the windows of idle sessions ({@link ZlibWindow#compact}). Both raw, without zlib header or checksum: the
 * inflater picks each session's stream up in the middle, and a packed window is only ever read back here.
 */
final class ThreadZlib {

    private static final int OUTPUT_CHUNK_BYTES = 4096;
    /** Deflate's fast levels find the repeats of header blocks as well as the slow ones, at a tenth of the time. */
    private static final int PACKING_LEVEL = 3;
    /** Stored blocks cost 5 bytes per 16 KiB, so a full window never deflates to more than this. */
    static final int PACKED_MAX_BYTES = ZlibWindow.SIZE + 64;

    private static final FastThreadLocal<ThreadZlib> OF_THREAD = new FastThreadLocal<>() {
        @Override
        protected ThreadZlib initialValue() {
            return new ThreadZlib();
        }

        /**
         * Event loop threads remove their thread locals when they end; on other threads zlib's own cleaners free
         * its memory once the thread is gone.
         */
        @Override
        protected void onRemoval(ThreadZlib value) {
            value.inflater.end();
            if (value.packer != null) {
                value.packer.end();
            }
        }
    };

    /** Reset by each borrower when done, so that the next one finds it new. */
    final Inflater inflater = new Inflater(true);
    /** Where a window shorter than 32 KiB is joined to the dictionary before it is preset. */
    final byte[] preset = new byte[ZlibWindow.SIZE];
    final byte[] output = new byte[OUTPUT_CHUNK_BYTES];
    private Deflater packer;
    private byte[] packed;

    private ThreadZlib() {
    }

    static ThreadZlib current() {
        return OF_THREAD.get();
    }

    /** The thread's Deflater for packing windows, reset by each borrower when done. */
    Deflater packer() {
        if (packer == null) {
            packer = new Deflater(PACKING_LEVEL, true);
        }
        return packer;
    }

    /** {@link #PACKED_MAX_BYTES} to pack a window into. */
    byte[] packed() {
        if (packed == null) {
            packed = new byte[PACKED_MAX_BYTES];
        }
        return packed;
    }
}
