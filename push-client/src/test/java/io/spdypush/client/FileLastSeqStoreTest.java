package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLastSeqStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSavedSeqIsLoadedByAnotherStoreOnTheSameFile() throws Exception {
        Path file = dir.resolve("device-42.last-seq");

        new FileLastSeqStore(file).save(1835417296822273L);

        assertThat(new FileLastSeqStore(file).load(), is(OptionalLong.of(1835417296822273L)));
        assertThat(Files.readString(file), is("1835417296822273\n"));
    }

    @Test
    void isEmptyWhenTheFileDoesNotExist() throws Exception {
        assertThat(new FileLastSeqStore(dir.resolve("none")).load(), is(OptionalLong.empty()));
    }

    @Test
    void readsAFileWrittenByHand() throws Exception {
        Path file = dir.resolve("state");
        Files.writeString(file, "  17 \n\n");

        assertThat(new FileLastSeqStore(file).load(), is(OptionalLong.of(17)));
    }

    @Test
    void aFileThatHoldsNoSeqIsReportedWithItsPathAndTheFix() throws Exception {
        Path file = dir.resolve("state");
        Files.writeString(file, "seventeen");

        IOException error = assertThrows(IOException.class, () -> new FileLastSeqStore(file).load());

        assertThat(error.getMessage(), is(file.toAbsolutePath() + " does not hold a last seq ('seventeen' is not a"
                + " non-negative whole number); fix it, or delete it to get every message the server holds"));
    }

    @Test
    void savingIntoAMissingDirectoryFails() {
        FileLastSeqStore store = new FileLastSeqStore(dir.resolve("missing").resolve("state"));

        assertThrows(NoSuchFileException.class, () -> store.save(1));
    }

    @Test
    void replacesTheFileWholeSoThatAReaderNeverSeesAPartOfIt() throws Exception {
        Path file = dir.resolve("state");
        FileLastSeqStore store = new FileLastSeqStore(file);
        store.save(1_000_000_000L);
        AtomicBoolean saving = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (saving.get()) {
                try {
                    String content = Files.readString(file, StandardCharsets.US_ASCII);
                    if (!content.matches("\\d{10}\n")) {
                        torn.add(content);
                    }
                } catch (IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();

        for (long seq = 1_000_000_001L; seq <= 1_000_000_500L; seq++) {
            store.save(seq);
        }
        saving.set(false);
        reader.join();

        assertThat(torn, is(empty()));
        assertThat(store.load(), is(OptionalLong.of(1_000_000_500L)));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat("no temporary file is left behind", files.map(dir::relativize).map(Path::toString).toList(),
                    contains("state"));
        }
    }

    @Test
    void theInMemoryStoreStartsWhereItIsTold() {
        assertThat(new InMemoryLastSeqStore().load(), is(OptionalLong.empty()));
        assertThat(new InMemoryLastSeqStore(4).load(), is(OptionalLong.of(4)));
        InMemoryLastSeqStore store = new InMemoryLastSeqStore();
        store.save(9);
        assertThat(store.load(), is(OptionalLong.of(9)));
        assertThat(assertThrows(IllegalArgumentException.class, () -> new InMemoryLastSeqStore(-1)).getMessage(),
                containsString("negative"));
    }
}
