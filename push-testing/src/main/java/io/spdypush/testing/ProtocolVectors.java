package io.spdypush.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * The protocol's test vectors, docs/protocol-vectors.json: one file that the server's, the client's and any other
 * implementation's tests all read, so that a change to a rule is a change to that file. Found from the working
 * directory of the test (a module's) up to the repository.
 */
public final class ProtocolVectors {

    private static final Path FILE = Path.of("docs", "protocol-vectors.json");
    private static JsonObject vectors;

    private ProtocolVectors() {
    }

    /** The whole file. */
    public static synchronized JsonObject all() {
        if (vectors == null) {
            try (JsonReader reader = Json.createReader(Files.newBufferedReader(locate()))) {
                vectors = reader.readObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return vectors;
    }

    /** The packet vectors, each with {@code name}, {@code hex}, {@code maxPayloadBytes} and messages or error. */
    public static List<JsonObject> packets() {
        return objects(all().getJsonObject("packets").getJsonArray("vectors"));
    }

    /** A section's list of strings, such as {@code clientIds}' {@code valid}. */
    public static List<String> strings(String section, String list) {
        return all().getJsonObject(section).getJsonArray(list).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** A section's list of objects, such as {@code tokens}' {@code invalid}. */
    public static List<JsonObject> objects(String section, String list) {
        return objects(all().getJsonObject(section).getJsonArray(list));
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static List<JsonObject> objects(List<JsonValue> values) {
        return values.stream().map(JsonValue::asJsonObject).toList();
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE))) {
                return dir.resolve(FILE);
            }
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }
}
