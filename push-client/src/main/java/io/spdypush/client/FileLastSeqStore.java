package io.spdypush.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link LastSeqStore} in a file, so that a client resumes where it stopped also after a restart. The file
 * holds the seq as a decimal number and a newline. Each save writes a temporary file beside it, forces it to
 * disk and renames it over the old one, so that a crash leaves the old seq or the new one, never a torn file.
 * Thread-safe within one process; one file per client id.
 */
public final class FileLastSeqStore implements LastSeqStore {

    private final Path file;

    public FileLastSeqStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    @Override
    public synchronized OptionalLong load() throws IOException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            long seq = Long.parseLong(content);
            if (seq >= 0) {
                return OptionalLong.of(seq);
            }
        } catch (NumberFormatException e) {
            // reported below, with the file's name
        }
        throw new IOException(file + " does not hold a last seq ('" + abbreviate(content) + "' is not a"
                + " non-negative whole number); fix it, or delete it to get every message the server holds");
    }

    @Override
    public synchronized void save(long seq) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((seq + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public String toString() {
        return "FileLastSeqStore[" + file + "]";
    }

    private static String abbreviate(String content) {
        return content.length() <= 40 ? content : content.substring(0, 40) + "...";
    }
}
