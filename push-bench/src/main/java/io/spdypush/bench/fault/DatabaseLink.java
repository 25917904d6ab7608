package io.spdypush.bench.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's way to its database, a TCP proxy that can go down: {@link #cut()} resets every connection through it
 * and every new one until {@link #restore()}, as a database that crashed or a network that failed, without
 * touching the database itself (which other tests may share).
 */
final class DatabaseLink implements AutoCloseable {

    private final String databaseHost;
    private final int databasePort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    DatabaseLink(String databaseHost, int databasePort) throws IOException {
        this.databaseHost = databaseHost;
        this.databasePort = databasePort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "database-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void cut() {
        down = true;
        open.forEach(DatabaseLink::reset);
    }

    void restore() {
        down = false;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    reset(client);
                    continue;
                }
                Socket database = new Socket(databaseHost, databasePort);
                open.add(client);
                open.add(database);
                pump(client, database);
                pump(database, client);
            } catch (IOException e) {
                // The link was closed, or the database refused: the server sees a failed connection.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // Cut, or closed by one end: the other end is cut too, below.
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "database-link-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Closes with SO_LINGER 0: an RST, as a crashed host's kernel or a broken network leaves it. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
