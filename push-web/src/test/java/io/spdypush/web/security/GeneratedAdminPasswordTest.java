package io.spdypush.web.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeneratedAdminPasswordTest {

    @TempDir
    Path directory;

    @Test
    void theFirstStartMakesAPasswordAndKeepsOnlyItsHashForTheOwner() throws Exception {
        Path file = directory.resolve("spdypush").resolve("admin-password-hash");

        GeneratedAdminPassword.Stored first = GeneratedAdminPassword.loadOrCreate(file);

        assertThat(first.newPassword(), notNullValue());
        assertThat(first.newPassword().length() >= 20, is(true));
        assertThat(first.hash().matches(first.newPassword().toCharArray()), is(true));
        String kept = Files.readString(file);
        assertThat(kept, not(containsString(first.newPassword())));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), is("rw-------"));
        assertThat(first.toString(), not(containsString(first.newPassword())));
    }

    @Test
    void laterStartsUseTheKeptHashAndMakeNoPassword() {
        Path file = directory.resolve("admin-password-hash");
        GeneratedAdminPassword.Stored first = GeneratedAdminPassword.loadOrCreate(file);

        GeneratedAdminPassword.Stored second = GeneratedAdminPassword.loadOrCreate(file);

        assertThat(second.newPassword(), nullValue());
        assertThat(second.hash().matches(first.newPassword().toCharArray()), is(true));
    }

    @Test
    void aDamagedFileSaysHowToStartOver() throws Exception {
        Path file = directory.resolve("admin-password-hash");
        Files.writeString(file, "garbage");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GeneratedAdminPassword.loadOrCreate(file));

        assertThat(refused.getMessage(), containsString(file.toString()));
        assertThat(refused.getMessage(), containsString("delete it"));
    }

    @Test
    void twoServersGenerateDifferentPasswords() {
        assertThat(GeneratedAdminPassword.loadOrCreate(directory.resolve("a")).newPassword(),
                not(GeneratedAdminPassword.loadOrCreate(directory.resolve("b")).newPassword()));
    }
}
