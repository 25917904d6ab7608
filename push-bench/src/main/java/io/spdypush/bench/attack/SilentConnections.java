package io.spdypush.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Slowloris: 2000 connections to the SPDY port that never send a byte, each replaced as soon as the server
 * closes it, so that 2000 are open all the time until the deadline (and until the first 2000 are closed).
 */
final class SilentConnections implements Attack {

    private static final int CONNECTIONS = 2000;

    private final Selector selector;
    private final ByteBuffer sink = ByteBuffer.allocate(1024);

    SilentConnections() throws IOException {
        selector = Selector.open();
    }

    @Override
    public String name() {
        return "2000 silent connections";
    }

    @Override
    public String does() {
        return CONNECTIONS + " connections to the SPDY port that never send anything, each replaced when closed";
    }

    @Override
    public String documented() {
        return "a connection that opens no push stream within pushStreamTimeoutSeconds is dropped";
    }

    @Override
    public Set<String> countedAs() {
        return Set.of("no-push-stream");
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws IOException {
        List<Double> closedAfter = new ArrayList<>();
        InetSocketAddress server = new InetSocketAddress(target.host(), target.spdyPort());
        for (int i = 0; i < CONNECTIONS; i++) {
            open(server, true);
        }
        int opened = CONNECTIONS;
        int firstRoundOpen = CONNECTIONS;
        long firstRoundDeadline = System.nanoTime() + target.refusalWait().toNanos();
        while (System.nanoTime() < deadlineNanos
                || (firstRoundOpen > 0 && System.nanoTime() < firstRoundDeadline)) {
            selector.select(10);
            for (SelectionKey key : selector.selectedKeys()) {
                if (closedByServer(key)) {
                    Connection connection = (Connection) key.attachment();
                    closedAfter.add((System.nanoTime() - connection.openedNanos()) / 1e9);
                    key.channel().close();
                    firstRoundOpen -= connection.firstRound() ? 1 : 0;
                    if (System.nanoTime() < deadlineNanos) {
                        open(server, false);
                        opened++;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        long now = System.nanoTime();
        long heldTooLong = selector.keys().stream().filter(SelectionKey::isValid)
                .filter(key -> now - ((Connection) key.attachment()).openedNanos() > target.refusalWait().toNanos())
                .count();
        return new Outcome(String.format(Locale.ROOT, "%d connections, %d open at once; the server closed %d"
                        + " after %s; %d open longer than %d s", opened, CONNECTIONS, closedAfter.size(),
                Outcome.spread(closedAfter), heldTooLong, target.refusalWait().toSeconds()),
                firstRoundOpen == 0 && heldTooLong == 0);
    }

    /** When a connection was opened, and whether it was one of the first 2000. */
    private record Connection(long openedNanos, boolean firstRound) {
    }

    private void open(InetSocketAddress server, boolean firstRound) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, new Connection(System.nanoTime(), firstRound));
    }

    /** Reads what the server sent (a GOAWAY, perhaps); true once it has closed the connection. */
    private boolean closedByServer(SelectionKey key) {
        try {
            sink.clear();
            return ((SocketChannel) key.channel()).read(sink) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // Closing what the attack held; nothing to do.
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // As above.
        }
    }
}
