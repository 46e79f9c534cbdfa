package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine alone (no framework) reproduces the reference's embeddings and reranker scores of the fixture model:
 * every text and image embedding case and every rerank case of {@code golden.json}, through the public
 * {@link Qwen3VlEmbedder} and {@link Qwen3VlReranker}. (Every other golden check, intermediates included, runs in
 * the CLI module's {@code GoldenCasesTest}.)
 */
class GoldenOutputsTest {

    private static Qwen3VlEmbedder embedder;
    private static Qwen3VlReranker reranker;

    @BeforeAll
    static void load() {
        embedder = Qwen3VlEmbedder.load(Fixtures.model(), EngineSettings.defaults());
        reranker = Qwen3VlReranker.load(Fixtures.model(), EngineSettings.defaults());
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

    @ParameterizedTest
    @MethodSource("embeddingCases")
    void embedding_equals_the_reference(String id) {
        JsonNode c = Fixtures.goldenCase(id);
        MultimodalContent content = GoldenCases.content(c.path("images"), c.path("texts"));
        EmbeddingResult result = embedder.embed(new EmbedRequest(content, GoldenCases.instruction(c), null));
        assertThat(result.vector()).containsExactly(Fixtures.floats(c.path("embedding")), within(1e-4f));
        assertThat(result.tokenCount()).isEqualTo(c.path("input_ids").size());
    }

    @ParameterizedTest
    @MethodSource("rerankCases")
    void reranker_score_equals_the_reference(String id) {
        JsonNode c = Fixtures.goldenCase(id);
        ScoreResult result = reranker.score(GoldenCases.content(c.path("query_images"), c.path("query_texts")),
                GoldenCases.content(c.path("doc_images"), c.path("doc_texts")), GoldenCases.instruction(c));
        assertThat(result.logit()).isCloseTo(c.path("logit_diff").asDouble(), within(1e-3));
        assertThat(result.score()).isCloseTo(c.path("score").asDouble(), within(1e-3));
    }
}
