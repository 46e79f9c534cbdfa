package dev.qwen3vl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.testing.BuiltJar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spark-submit jar: the job and what it needs, but not what Spark provides. */
class JobJarIT {

    @Test
    void the_job_jar_holds_the_job_and_its_dependencies_but_not_spark() {
        List<String> entries = BuiltJar.entries();

        assertThat(entries).contains("dev/qwen3vl/spark/EmbedJob.class", "dev/qwen3vl/inference/Qwen3VlEmbedder.class",
                "ai/djl/engine/Engine.class", "org/apache/pdfbox/Loader.class", "org/postgresql/Driver.class",
                "com/pgvector/PGhalfvec.class", "META-INF/services/ai.djl.engine.EngineProvider");
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/spark/") || e.startsWith("scala/")
                || e.startsWith("com/fasterxml/jackson/core/") || e.startsWith("org/slf4j/")
                || e.startsWith("io/netty/") || e.startsWith("dev/langchain4j/") || e.startsWith("com/google/gson/")
                || e.startsWith("org/apache/commons/"));
    }
}
