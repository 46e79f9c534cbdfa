package dev.qwen3vl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the tests find the fixture folder (a tiny Qwen3-VL plus reference outputs, format described in its
 * README): the system property {@code qwen3vl.fixtures}, else the environment variable
 * {@code QWEN3VL_FIXTURES}, else {@code testdata/qwen3vl-tiny} above the working directory. Any folder of the
 * same format can be checked by pointing the setting at it. {@link #goldenFolders()} lists every fixture folder
 * the golden checks run over.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode golden;

    private Fixtures() {}

    /** The fixture folder. */
    public static Path root() {
        String configured = System.getProperty("qwen3vl.fixtures", System.getenv("QWEN3VL_FIXTURES"));
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured);
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("qwen3vl.fixtures points to " + p + ", which is not a folder");
            }
            return p;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("testdata/qwen3vl-tiny");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("No fixture folder: set -Dqwen3vl.fixtures or QWEN3VL_FIXTURES");
    }

    /**
     * Every fixture folder to check against its goldens: the configured one ({@code qwen3vl.fixtures} /
     * {@code QWEN3VL_FIXTURES}) if set, plus every folder directly under {@code testdata/} (found above the working
     * directory) that holds a {@code golden.json}, in name order, each listed once.
     */
    public static List<Path> goldenFolders() {
        Set<Path> folders = new LinkedHashSet<>();
        String configured = System.getProperty("qwen3vl.fixtures", System.getenv("QWEN3VL_FIXTURES"));
        if (configured != null && !configured.isBlank()) {
            folders.add(canonical(root()));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path testdata = dir.resolve("testdata");
            if (Files.isDirectory(testdata)) {
                try (Stream<Path> children = Files.list(testdata)) {
                    children.filter(p -> Files.isRegularFile(p.resolve("golden.json"))).sorted()
                            .forEach(p -> folders.add(canonical(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list " + testdata, e);
                }
                break;
            }
        }
        if (folders.isEmpty()) {
            throw new IllegalStateException(
                    "No fixture folder with a golden.json: set -Dqwen3vl.fixtures or QWEN3VL_FIXTURES");
        }
        return new ArrayList<>(folders);
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve fixture folder " + p, e);
        }
    }

    /** The tiny model folder. */
    public static Path model() {
        return root().resolve("tiny-model");
    }

    /** A file of {@code images/}. */
    public static Path image(String name) {
        return root().resolve("images").resolve(name);
    }

    /** {@code golden.json}, parsed once. */
    public static synchronized JsonNode golden() {
        if (golden == null) {
            golden = readJson(root().resolve("golden.json"));
        }
        return golden;
    }

    /** Reads a JSON file. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden case with {@code id}. */
    public static JsonNode goldenCase(String id) {
        for (JsonNode c : golden().path("cases")) {
            if (id.equals(c.path("id").asText(null))) {
                return c;
            }
        }
        throw new IllegalArgumentException("No golden case " + id);
    }

    /** A JSON array of numbers as floats. */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** A JSON array of integers. */
    public static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
