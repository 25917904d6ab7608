package io.spdypush.rar.outbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox file on a disk that fails: what was saved before stays whole. */
class OutboxStoreTest {

    private static final Path FULL_DEVICE = Path.of("/dev/full");

    @TempDir
    Path dir;

    @Test
    void aSaveOnAFullDiskKeepsThePreviousFileAndLeavesNoPartialOne() throws Exception {
        assumeTrue(Files.exists(FULL_DEVICE), "needs Linux's /dev/full, where every write fails with ENOSPC");
        OutboxStore store = new OutboxStore(dir.resolve("outboxes.bin"));
        store.save(Map.of());
        byte[] saved = Files.readAllBytes(store.file());
        Path partial = dir.resolve("outboxes.bin.partial");
        // The next save writes into /dev/full: a disk that has just filled up.
        Files.createSymbolicLink(partial, FULL_DEVICE);

        IOException e = assertThrows(IOException.class, () -> store.save(Map.of()));

        assertThat(e.getMessage(), containsString("No space left on device"));
        assertThat("the file of the last save that worked", Files.readAllBytes(store.file()), is(saved));
        assertThat("no partial file left", Files.exists(partial, LinkOption.NOFOLLOW_LINKS), is(false));
    }

    @Test
    void theWriteCheckOfAFullDiskFailsAndLeavesNothing() throws Exception {
        assumeTrue(Files.exists(FULL_DEVICE), "needs Linux's /dev/full, where every write fails with ENOSPC");
        OutboxStore store = new OutboxStore(dir.resolve("outboxes.bin"));
        Path probe = dir.resolve("outboxes.bin.probe");
        Files.createSymbolicLink(probe, FULL_DEVICE);

        assertThrows(IOException.class, store::checkWritable);

        assertThat(Files.exists(probe, LinkOption.NOFOLLOW_LINKS), is(false));
    }

    @Test
    void theWriteCheckOfAWritableDirectoryLeavesNothing() throws Exception {
        OutboxStore store = new OutboxStore(dir.resolve("data/outboxes.bin"));

        store.checkWritable();

        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files.count(), is(0L));
        }
    }
}
