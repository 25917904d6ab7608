package io.spdypush.rar.spdy;

import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The streams open on one SPDY connection, counted as docs/PROTOCOL.md §4 counts them for
 * MAX_CONCURRENT_STREAMS: from the SYN_STREAM, whichever side sent it, until both sides have sent
 * their FIN or either side has reset it; the push stream included. It is told of the frames as they
 * cross the wire, on the connection's event loop; {@link #count()} may be read from any thread.
 */
final class OpenStreams {

    private static final AtomicIntegerFieldUpdater<OpenStreams> COUNT =
            AtomicIntegerFieldUpdater.newUpdater(OpenStreams.class, "count");
    private static final long LOCAL_CLOSED = 1;
    private static final long REMOTE_CLOSED = 2;
    private static final long BOTH_CLOSED = LOCAL_CLOSED | REMOTE_CLOSED;

    /**
     * Each open stream as its id shifted left by two, or-ed with the sides already closed. A session
     * has a few streams at a time (at most maxConcurrentStreams), so a scanned array costs the least
     * memory per connection.
     */
    private long[] streams = new long[2];
    private int size;
    /** {@link #size} for other threads: written with lazySet, which costs the event loop no fence. */
    private volatile int count;

    /** A frame the client sent. */
    void received(Object frame) {
        track(frame, REMOTE_CLOSED, LOCAL_CLOSED);
    }

    /** A frame the server sends. */
    void sent(Object frame) {
        track(frame, LOCAL_CLOSED, REMOTE_CLOSED);
    }

    int count() {
        return count;
    }

    /** Whether the stream is open; on the event loop. */
    boolean isOpen(int streamId) {
        return indexOf(streamId) >= 0;
    }

    /**
     * @param senderSide the side that the frame's FIN closes
     * @param otherSide  the side that a unidirectional SYN_STREAM leaves closed from the start
     */
    private void track(Object frame, long senderSide, long otherSide) {
        if (frame instanceof SpdyRstStreamFrame reset) {
            remove(indexOf(reset.streamId()));
        } else if (frame instanceof SpdySynStreamFrame synStream) {
            open(synStream.streamId(), (synStream.isLast() ? senderSide : 0)
                    | (synStream.isUnidirectional() ? otherSide : 0));
        } else if (frame instanceof SpdyStreamFrame streamFrame && streamFrame.isLast()) {
            close(streamFrame.streamId(), senderSide);
        }
    }

    private void open(int streamId, long closedSides) {
        if (closedSides == BOTH_CLOSED || indexOf(streamId) >= 0) {
            return;
        }
        if (size == streams.length) {
            streams = Arrays.copyOf(streams, size * 2);
        }
        streams[size++] = ((long) streamId << 2) | closedSides;
        COUNT.lazySet(this, size);
    }

    private void close(int streamId, long side) {
        int index = indexOf(streamId);
        if (index < 0) {
            return;
        }
        streams[index] |= side;
        if ((streams[index] & BOTH_CLOSED) == BOTH_CLOSED) {
            remove(index);
        }
    }

    private void remove(int index) {
        if (index < 0) {
            return;
        }
        streams[index] = streams[--size];
        COUNT.lazySet(this, size);
    }

    private int indexOf(int streamId) {
        for (int i = 0; i < size; i++) {
            if (streams[i] >>> 2 == streamId) {
                return i;
            }
        }
        return -1;
    }
}
