package io.spdypush.ejb.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** Resources from a directory of static files: {@code /a/b.css} is {@code <directory>/a/b.css}. */
final class StaticDirectory {

    /** A path that would leave the directory, such as {@code /../secret}. */
    static final class OutsideTheDirectory extends RuntimeException {
        OutsideTheDirectory(String path) {
            super("path " + path + " leaves the static directory", null, false, false);
        }
    }

    private final Path root;

    StaticDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The file's resource, or empty when there is no such regular file.
     *
     * @throws OutsideTheDirectory when the path escapes the directory
     */
    Optional<Resource> find(String path) {
        Path file = file(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Resource.of(path, ContentTypes.ofFileName(file.getFileName().toString()),
                    Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** When the file was last changed, or null when there is none; what bundle caches check. */
    FileTime modified(String path) {
        try {
            Path file = file(path);
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException | OutsideTheDirectory e) {
            return null;
        }
    }

    private Path file(String path) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw new OutsideTheDirectory(path);
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            throw new OutsideTheDirectory(path);
        }
        return file;
    }
}
