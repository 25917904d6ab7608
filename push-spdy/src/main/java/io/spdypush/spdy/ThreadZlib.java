package io.spdypush.spdy;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.zip.Inflater;

/**
 * The one native {@code Inflater} of a thread, lent in turn to the header blocks of all the
 * sessions the thread serves, with the scratch arrays that go with it: a session then keeps no
 * zlib inflate state (about 10 KiB of native memory) between its header blocks. Raw inflate,
 * without zlib header or checksum, as it picks each session's stream up in the middle.
 */
final class ThreadInflater {

    private static final int OUTPUT_CHUNK_BYTES = 4096;

    private static final FastThreadLocal<ThreadInflater> OF_THREAD = new FastThreadLocal<>() {
        @Override
        protected ThreadInflater initialValue() {
            return new ThreadInflater();
        }

        /**
         * Event loop threads remove their thread locals when they end; on other threads the
         * Inflater's own cleaner frees zlib's memory once the thread is gone.
         */
        @Override
        protected void onRemoval(ThreadInflater value) {
            value.inflater.end();
        }
    };

    /** Reset by each borrower when done, so that the next one finds it new. */
    final Inflater inflater = new Inflater(true);
    /** Where a window shorter than 32 KiB is joined to the dictionary before it is preset. */
    final byte[] preset = new byte[ZlibWindow.SIZE];
    final byte[] output = new byte[OUTPUT_CHUNK_BYTES];

    private ThreadInflater() {
    }

    static ThreadInflater current() {
        return OF_THREAD.get();
    }
}
