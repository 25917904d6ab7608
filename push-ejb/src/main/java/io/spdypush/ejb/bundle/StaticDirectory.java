package io.spdypush.ejb.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resources from a directory of static files: {@code /a/b.css} is {@code <directory>/a/b.css}.
 * For listing them it keeps the files' paths sorted, read again only when a directory changed.
 */
final class StaticDirectory {

    /**
     * The paths of the files, sorted, and the modification time of every directory when they were read:
     * a file added, removed or renamed changes its directory's time.
     */
    private record Index(List<String> paths, Map<Path, FileTime> directoryTimes) {
    }

    private final Path root;
    private volatile Index index;

    StaticDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The file's resource, or empty when there is no such regular file.
     *
     * @throws ResourcePath.OutsideTheRoot when the path escapes the directory
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
        } catch (IOException | ResourcePath.OutsideTheRoot e) {
            return null;
        }
    }

    /** The file's size in bytes, or -1 when there is no such file (any longer). */
    long size(String path) {
        try {
            Path file = file(path);
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException | ResourcePath.OutsideTheRoot e) {
            return -1;
        }
    }

    /**
     * The paths of all files, sorted: read once, then again only when the modification time of one of
     * the directories has changed, so that a listing of 100 000 files costs one look at each directory.
     */
    List<String> paths() {
        Index current = index;
        if (current == null || changed(current)) {
            synchronized (this) {
                current = index;
                if (current == null || changed(current)) {
                    current = read();
                    index = current;
                }
            }
        }
        return current.paths();
    }

    private Index read() {
        List<String> paths = new ArrayList<>();
        Map<Path, FileTime> directoryTimes = new HashMap<>();
        directoryTimes.put(root, modifiedOrNull(root));
        if (Files.isDirectory(root)) {
            try {
                Path start = root.toRealPath();
                Files.walkFileTree(start, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                        directoryTimes.put(directory, attributes.lastModifiedTime());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String path = "/" + start.relativize(file).toString().replace(file.getFileSystem()
                                .getSeparator(), "/");
                        // What find() serves: regular files, also through a link, and no path it refuses.
                        if (Files.isRegularFile(file) && path.indexOf('\\') < 0) {
                            paths.add(path);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // removed meanwhile, or not ours to read
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the static directory " + root + ": " + e.getMessage()
                        + " (MicroProfile Config property spdypush.staticDirectory)", e);
            }
        }
        Collections.sort(paths);
        return new Index(List.copyOf(paths), Collections.unmodifiableMap(directoryTimes));
    }

    private static boolean changed(Index index) {
        return index.directoryTimes().entrySet().stream()
                .anyMatch(directory -> !Objects.equals(modifiedOrNull(directory.getKey()), directory.getValue()));
    }

    private static FileTime modifiedOrNull(Path directory) {
        try {
            return Files.isDirectory(directory) ? Files.getLastModifiedTime(directory) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Path file(String path) {
        Path file = root.resolve(ResourcePath.normalised(path).substring(1));
        if (!file.startsWith(root)) {
            throw new ResourcePath.OutsideTheRoot(path); // a segment the file system reads as a root, such as C:
        }
        return file;
    }
}
