package io.spdypush.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The PostgreSQL that {@code .ci/start-postgres} runs on 127.0.0.1:5432, which some bench tests need. */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    /** Whether something listens on 127.0.0.1:5432; the tests that need PostgreSQL are skipped otherwise. */
    public static boolean listens() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
