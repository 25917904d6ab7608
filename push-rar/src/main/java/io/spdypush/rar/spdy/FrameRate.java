package io.spdypush.rar.spdy;

/** Frames counted in one-second windows, for the flood rules of docs/PROTOCOL.md §4; one connection's event loop. */
final class FrameRate {

    private static final long SECOND = 1_000_000_000L;
    private long windowStart;
    private int inWindow;

    /** Counts {@code frames} (one or none) at {@code now} ({@code System.nanoTime()}); returns how many the window now holds. */
    int count(long now, int frames) {
        if (now - windowStart >= SECOND) {
            windowStart = now;
            inWindow = 0;
        }
        inWindow += frames;
        return inWindow;
    }
}
