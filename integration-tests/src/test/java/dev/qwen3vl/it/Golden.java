package dev.qwen3vl.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The reference implementation's outputs for the tiny model: {@code golden.json} next to the model folder named by
 * the system property {@code qwen3vl.tiny-model} (set by the build).
 */
final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /** The golden case {@code id}. */
    static JsonNode goldenCase(String id) {
        String model = System.getProperty("qwen3vl.tiny-model");
        if (model == null) {
            throw new IllegalStateException("Set the system property qwen3vl.tiny-model to the tiny model folder");
        }
        Path golden = Path.of(model).toAbsolutePath().getParent().resolve("golden.json");
        try {
            for (JsonNode c : JSON.readTree(golden.toFile()).path("cases")) {
                if (id.equals(c.path("id").asText(null))) {
                    return c;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("No golden case " + id + " in " + golden);
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
