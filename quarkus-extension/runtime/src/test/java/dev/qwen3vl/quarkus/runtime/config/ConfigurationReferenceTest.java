package dev.qwen3vl.quarkus.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md must be what the configuration interfaces say. With {@code -Dqwen3vl.update-docs=true} the
 * test rewrites the file instead.
 */
class ConfigurationReferenceTest {

    @Test
    void should_document_every_property_as_the_code_declares_it() throws IOException {
        String generated = ConfigurationReference.render();
        Path file = docsFolder().resolve("configuration.md");
        if (Boolean.getBoolean("qwen3vl.update-docs")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale; regenerate it with -Dqwen3vl.update-docs=true")
                .isEqualTo(generated);
    }

    @Test
    void should_list_the_properties_of_the_unnamed_and_of_named_models() {
        String generated = ConfigurationReference.render();

        assertThat(generated)
                .contains("`quarkus.qwen3vl.embedding.model`")
                .contains("`quarkus.qwen3vl.limits.max-pixels`")
                .contains("`quarkus.qwen3vl.download.allowed`")
                .contains("| `quarkus.qwen3vl.\"model-name\".embedding.dimension` | int (optional) |")
                .contains("one of `fp16`, `int8`, `none`");
    }

    private static Path docsFolder() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("quarkus-extension")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("Cannot find the project root above " + Paths.get("").toAbsolutePath());
    }
}
