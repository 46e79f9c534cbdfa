package dev.qwen3vl.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.testing.BuiltJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's jar holds the engine only: no command-line tooling, no framework adapter, no native library. */
class EngineJarIT {

    @Test
    void the_engine_jar_holds_the_engine_packages_and_nothing_of_the_cli_or_the_adapters() {
        List<String> entries = BuiltJar.entries();
        assertThat(entries).contains("dev/qwen3vl/model/Qwen3VlModel.class", "dev/qwen3vl/inference/Qwen3VlEmbedder.class",
                "dev/qwen3vl/input/image/ImageLoader.class", "dev/qwen3vl/hub/ModelResolver.class");
        assertThat(entries).filteredOn(e -> e.startsWith("dev/qwen3vl/cli/") || e.startsWith("dev/qwen3vl/langchain4j/")
                || e.startsWith("dev/qwen3vl/quarkus/")).isEmpty();
        assertThat(entries).filteredOn(e -> e.endsWith(".so") || e.endsWith(".dll") || e.endsWith(".dylib")).isEmpty();
    }
}
