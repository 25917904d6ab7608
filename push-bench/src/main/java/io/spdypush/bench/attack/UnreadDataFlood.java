package io.spdypush.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An unauthenticated connection that sends empty DATA frames on streams it never opened, each of which the
 * server answers with a RST_STREAM, and never reads: a plain socket with a small receive buffer, so that
 * the server's answers pile up on its side. Reconnects when the server closes it, until the deadline. Each
 * connection starts with an empty SETTINGS frame, whose control bit makes the port take it as SPDY (PROTOCOL.md
 * §10); without it the DATA frames would read as a malformed HTTP/1.1 request, refused at once.
 */
final class UnreadDataFlood implements Attack {

    private static final int RECEIVE_BUFFER_BYTES = 4096;
    private static final byte[] EMPTY_SPDY_SETTINGS = {(byte) 0x80, 3, 0, 4, 0, 0, 0, 4, 0, 0, 0, 0};

    @Override
    public String name() {
        return "DATA on unopened streams, never reading";
    }

    @Override
    public String does() {
        return "an unauthenticated connection (socket receive buffer 4 KiB) writes empty DATA frames on streams"
                + " it never opened as fast as the server takes them and never reads; it reconnects when closed";
    }

    @Override
    public String documented() {
        return "GOAWAY PROTOCOL_ERROR (frame-flood) and closed a second later, or no longer read and closed"
                + " after writeTimeoutSeconds (write-stalled)";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of("frame-flood", "write-stalled");
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws IOException, InterruptedException {
        ByteBuffer flood = ByteBuffer.allocate(64 * 1024);
        for (int streamId = 1001; flood.hasRemaining(); streamId += 2) {
            flood.putInt(streamId).putInt(0);
        }
        List<Double> closedAfter = new ArrayList<>();
        long mostTaken = 0;
        int notClosed = 0;
        long waitNanos = target.refusalWait().toNanos();
        do {
            try (SocketChannel peer = SocketChannel.open()) {
                peer.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                peer.connect(new InetSocketAddress(target.host(), target.spdyPort()));
                peer.write(ByteBuffer.wrap(EMPTY_SPDY_SETTINGS));
                peer.configureBlocking(false);
                long opened = System.nanoTime();
                long taken = 0;
                boolean closed = false;
                while (!closed && System.nanoTime() - opened < waitNanos) {
                    flood.rewind();
                    try {
                        int written = peer.write(flood);
                        taken += written;
                        if (written == 0) {
                            Thread.sleep(5);
                        }
                    } catch (IOException closedByTheServer) {
                        closed = true;
                    }
                }
                mostTaken = Math.max(mostTaken, taken);
                if (closed) {
                    closedAfter.add((System.nanoTime() - opened) / 1e9);
                } else {
                    notClosed++;
                }
            }
        } while (System.nanoTime() < deadlineNanos);
        return new Outcome(String.format(Locale.ROOT, "%d connections; the server closed %d of them after %s,"
                        + " having taken at most %d KiB of one; %d not closed within %d s",
                closedAfter.size() + notClosed, closedAfter.size(), Outcome.spread(closedAfter), mostTaken / 1024,
                notClosed, target.refusalWait().toSeconds()), notClosed == 0 && !closedAfter.isEmpty());
    }

    @Override
    public void close() {
        // Each connection is closed when its turn ends.
    }
}
