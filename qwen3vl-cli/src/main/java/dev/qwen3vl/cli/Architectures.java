package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.model.Qwen3VlConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Architectures for runs with random weights: the {@code config.json} of the released Qwen3-VL-Embedding-2B and -8B
 * models ({@code 2b}, {@code 8b}), the 4-layer test model ({@code tiny}), or a model folder's own.
 */
final class Architectures {

    private Architectures() {}

    /** The config.json text of {@code 2b}, {@code 8b}, {@code tiny} or a model folder. */
    static byte[] configJson(String name) throws IOException {
        Path folder = Path.of(name);
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            return Files.readAllBytes(folder.resolve("config.json"));
        }
        try (InputStream in = Architectures.class.getResourceAsStream(
                "qwen3-vl-" + name.toLowerCase(Locale.ROOT) + ".config.json")) {
            if (in == null) {
                throw new IllegalArgumentException("Unknown architecture '" + name
                        + "'; use 2b, 8b, tiny or a model folder");
            }
            return in.readAllBytes();
        }
    }

    /** The parsed configuration of {@link #configJson}. */
    static Qwen3VlConfig named(String name) {
        try {
            return Qwen3VlConfig.parse(new ObjectMapper().readTree(configJson(name)), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
