package dev.qwen3vl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.model.Qwen3VlConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The configurations of the released 2B and 8B models (recipe §6.1), for benchmarks with random weights. */
final class Architectures {

    private Architectures() {}

    /** The config.json text of {@code 2b}, {@code 8b} or a model folder. */
    static byte[] configJson(String name) throws IOException {
        java.nio.file.Path folder = java.nio.file.Paths.get(name);
        if (java.nio.file.Files.isRegularFile(folder.resolve("config.json"))) {
            return java.nio.file.Files.readAllBytes(folder.resolve("config.json"));
        }
        try (InputStream in = Architectures.class.getResourceAsStream(
                "qwen3-vl-" + name.toLowerCase(java.util.Locale.ROOT) + ".config.json")) {
            if (in == null) {
                throw new IllegalArgumentException("Unknown architecture '" + name + "'; use 2b, 8b or a model folder");
            }
            return in.readAllBytes();
        }
    }

    /** {@code 2b}, {@code 8b}, or a model folder whose config.json is used. */
    static Qwen3VlConfig named(String name) {
        java.nio.file.Path folder = java.nio.file.Paths.get(name);
        if (java.nio.file.Files.isRegularFile(folder.resolve("config.json"))) {
            return Qwen3VlConfig.load(folder);
        }
        String resource = "qwen3-vl-" + name.toLowerCase(java.util.Locale.ROOT) + ".config.json";
        try (InputStream in = Architectures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Unknown architecture '" + name + "'; use 2b, 8b or a model folder");
            }
            return Qwen3VlConfig.parse(new ObjectMapper().readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
