package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code embedding.dimension}, {@code embedding.instruction} and {@code embedding.query-instruction} shape the
 * vectors: Matryoshka truncation of the pooled state, renormalised, under the configured instructions.
 */
class ConfiguredDimensionAndInstructionTest {

    private static final String INSTRUCTION = "Retrieve images or text relevant to the user's query";
    private static final String QUERY_INSTRUCTION = "  Trouvez des passages pertinents!  ";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.dtype", "float32")
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.embedding.dimension", "16")
            .overrideConfigKey("quarkus.qwen3vl.embedding.instruction", INSTRUCTION)
            .overrideConfigKey("quarkus.qwen3vl.embedding.query-instruction", QUERY_INSTRUCTION);

    @Inject
    EmbeddingModel model;

    @Test
    void should_truncate_to_the_configured_dimension_under_the_configured_instruction() {
        JsonNode golden = Fixtures.goldenCase("text_instruction");
        String text = golden.path("texts").get(0).asText();

        float[] vector = model.embed(text).content().vector();

        assertThat(model.dimension()).isEqualTo(16);
        assertThat(vector).containsExactly(Fixtures.floats(golden.path("embedding_dim16")), within(1e-4f));
        assertThat(vector).containsExactly(renormalisedPrefix(Fixtures.floats(golden.path("pooled")), 16),
                within(1e-4f));
        try (Qwen3VlEmbeddingModel engine = Qwen3VlEmbeddingModel.builder()
                .modelPath(Path.of(Fixtures.model().toString()))
                .dimension(16)
                .instruction(INSTRUCTION)
                .build()) {
            assertThat(vector).containsExactly(engine.embed(text).content().vector(), within(1e-6f));
        }
    }

    @Test
    void should_embed_queries_under_the_configured_query_instruction() {
        JsonNode golden = Fixtures.goldenCase("text_unicode");
        String text = golden.path("texts").get(0).asText();

        float[] vector = model.embed(EmbeddingRequest.builder()
                        .input(text)
                        .inputType(EmbeddingInputType.QUERY)
                        .build())
                .embeddings().get(0).vector();

        assertThat(vector).containsExactly(Fixtures.floats(golden.path("embedding_dim16")), within(1e-4f));
    }

    private static float[] renormalisedPrefix(float[] pooled, int dimension) {
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            norm += (double) pooled[i] * pooled[i];
        }
        float[] out = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = (float) (pooled[i] / Math.sqrt(norm));
        }
        return out;
    }
}
