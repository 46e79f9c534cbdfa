package dev.qwen3vl.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The fixture folder of the tiny Qwen3-VL (its model and the reference implementation's outputs): the system
 * property {@code qwen3vl.fixtures}, else the environment variable {@code QWEN3VL_FIXTURES}, else
 * {@code testdata/qwen3vl-tiny} above the working directory.
 */
final class TinyModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyModel() {}

    /** The fixture folder. */
    static Path root() {
        String configured = System.getProperty("qwen3vl.fixtures", System.getenv("QWEN3VL_FIXTURES"));
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("testdata/qwen3vl-tiny");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("No fixture folder: set -Dqwen3vl.fixtures or QWEN3VL_FIXTURES");
    }

    /** The tiny model's folder, as a configuration value. */
    static String path() {
        return root().resolve("tiny-model").toString();
    }

    /** The golden case {@code id} of {@code golden.json}. */
    static JsonNode goldenCase(String id) {
        try {
            for (JsonNode c : JSON.readTree(root().resolve("golden.json").toFile()).path("cases")) {
                if (id.equals(c.path("id").asText(null))) {
                    return c;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("No golden case " + id);
    }

    /** A numeric array of a golden case as floats. */
    static float[] floats(JsonNode goldenCase, String field) {
        JsonNode array = goldenCase.path(field);
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
