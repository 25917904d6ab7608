package io.spdypush.web.security;

import io.spdypush.password.PasswordHash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin password of a server that was given none: made up at the first start, and only its
 * hash kept in a file readable by the server's user alone, so that later starts use the same
 * password without anyone having to write it down anywhere but from the first start's log.
 */
final class GeneratedAdminPassword {

    private static final int PASSWORD_BYTES = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What {@link #loadOrCreate} found.
     *
     * @param hash        the hash to check the password against
     * @param newPassword the password just made up, to be shown once; null when the file held the hash
     */
    record Stored(PasswordHash hash, String newPassword) {

        /** Never the password. */
        @Override
        public String toString() {
            return newPassword == null ? "stored admin password hash" : "new admin password";
        }
    }

    private GeneratedAdminPassword() {
    }

    /** The hash kept in {@code file}, or a new password whose hash is written there first. */
    static Stored loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new Stored(read(file), null);
            }
            String password = newPassword();
            PasswordHash hash = PasswordHash.of(password.toCharArray());
            write(file, hash);
            return new Stored(hash, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated admin password's hash in " + file + ": "
                    + e.getMessage() + " (set spdypush.admin.passwordHash, or make the directory writable)", e);
        }
    }

    private static PasswordHash read(Path file) throws IOException {
        try {
            return PasswordHash.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a password hash: " + e.getMessage()
                    + " (delete it to have a new admin password generated)", e);
        }
    }

    /** Written to a temporary file first, so that a crash never leaves half a hash to be read. */
    private static void write(Path file, PasswordHash hash) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, ownerOnly(file));
        Files.writeString(temporary, hash.encoded() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    private static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
