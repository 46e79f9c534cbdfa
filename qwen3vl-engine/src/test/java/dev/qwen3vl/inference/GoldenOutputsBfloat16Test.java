package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.util.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With bfloat16 weights and GEMMs the engine stays within bfloat16's tolerance of the reference's float32 golden
 * outputs: every embedding case at cosine ≥ 0.999 (1 − cos ≤ 1e-3) and every reranker score within 0.01, with the
 * same token counts. (The float32 results are checked at 1e-4 by {@link GoldenOutputsTest}.)
 */
class GoldenOutputsBfloat16Test {

    /** Largest 1 − cosine of a bfloat16 embedding to the float32 golden one. */
    static final double EMBEDDING_TOLERANCE = 1e-3;
    /** Largest |Δ| of a bfloat16 reranker score to the float32 golden one. */
    static final double SCORE_TOLERANCE = 0.01;

    private static Qwen3VlEmbedder embedder;
    private static Qwen3VlReranker reranker;

    @BeforeAll
    static void load() {
        EngineSettings settings =
                EngineSettings.defaults().withModel(ModelOptions.cpu().withDtype(ComputeType.BFLOAT16));
        embedder = Qwen3VlEmbedder.load(Fixtures.model(), settings);
        reranker = Qwen3VlReranker.load(Fixtures.model(), settings);
    }

    @AfterAll
    static void close() {
        embedder.close();
        reranker.close();
    }

    static Stream<String> embeddingCases() {
        return GoldenCases.embeddingIds();
    }

    static Stream<String> rerankCases() {
        return GoldenCases.rerankIds();
    }

    @Test
    void the_models_report_bfloat16() {
        assertThat(embedder.computeType().type()).isEqualTo(ComputeType.BFLOAT16);
        assertThat(reranker.computeType().type()).isEqualTo(ComputeType.BFLOAT16);
    }

    @ParameterizedTest
    @MethodSource("embeddingCases")
    void embedding_is_within_bfloat16_tolerance_of_the_reference(String id) {
        JsonNode c = Fixtures.goldenCase(id);
        MultimodalContent content = GoldenCases.content(c.path("images"), c.path("texts"));
        EmbeddingResult result = embedder.embed(new EmbedRequest(content, GoldenCases.instruction(c), null));
        float[] golden = Fixtures.floats(c.path("embedding"));
        double cosine = Vectors.cosine(result.vector(), golden);
        assertThat(1 - cosine).as("1 - cos").isLessThanOrEqualTo(EMBEDDING_TOLERANCE);
        assertThat(result.vector()).isNotEqualTo(golden); // really computed in bfloat16
        assertThat(result.tokenCount()).isEqualTo(c.path("input_ids").size());
    }

    @ParameterizedTest
    @MethodSource("rerankCases")
    void reranker_score_is_within_bfloat16_tolerance_of_the_reference(String id) {
        JsonNode c = Fixtures.goldenCase(id);
        ScoreResult result = reranker.score(GoldenCases.content(c.path("query_images"), c.path("query_texts")),
                GoldenCases.content(c.path("doc_images"), c.path("doc_texts")), GoldenCases.instruction(c));
        assertThat(result.score()).isCloseTo(c.path("score").asDouble(), within(SCORE_TOLERANCE));
    }
}
