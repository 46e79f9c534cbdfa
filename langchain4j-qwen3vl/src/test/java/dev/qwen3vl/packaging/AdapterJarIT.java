package dev.qwen3vl.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.testing.BuiltJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LangChain4j adapter's jar holds the adapter only: the engine comes as a dependency, the CLI not at all. */
class AdapterJarIT {

    @Test
    void the_adapter_jar_holds_only_the_langchain4j_package() {
        List<String> classes = BuiltJar.entries().stream().filter(e -> e.endsWith(".class")).toList();
        assertThat(classes).contains("dev/qwen3vl/langchain4j/Qwen3VlEmbeddingModel.class",
                "dev/qwen3vl/langchain4j/Qwen3VlScoringModel.class");
        assertThat(classes).allMatch(e -> e.startsWith("dev/qwen3vl/langchain4j/"));
    }
}
