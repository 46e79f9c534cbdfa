package dev.qwen3vl.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.qwen3vl.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scoring model caches vision features by default (the embedding model does not), and a prepared scoring gives
 * the costs of the pairs and exactly the scores of {@code scoreAll}.
 */
class ScoringVisionCacheTest {

    private static final String QUERY = "a colourful picture";

    private static List<TextSegment> segments() {
        return List.of(
                TextSegment.from("a picture", Metadata.from(Qwen3VlMetadata.IMAGE,
                        Fixtures.image("b_100x150.png").toString())),
                TextSegment.from("plain text about the sea"),
                TextSegment.from("another picture", Metadata.from(Qwen3VlMetadata.IMAGE,
                        Fixtures.image("a_64x96.png").toString())));
    }

    @Test
    void prepared_pairs_cost_their_prompt_tokens_and_score_as_score_all() {
        try (Qwen3VlScoringModel model = Qwen3VlScoringModel.builder().modelPath(Fixtures.model()).build()) {
            Response<List<Double>> all = model.scoreAll(segments(), QUERY);
            Qwen3VlScoringModel.Prepared prepared = model.prepare(segments(), QUERY);
            Response<List<Double>> firstTwo = prepared.scoreFirst(2);

            List<Integer> tokens = prepared.tokenCounts();
            assertThat(tokens).hasSize(3);
            assertThat(tokens.get(1)).isLessThan(tokens.get(0)); // the text pair has no visual tokens
            assertThat(all.tokenUsage().inputTokenCount()).isEqualTo(tokens.get(0) + tokens.get(1) + tokens.get(2));
            assertThat(firstTwo.tokenUsage().inputTokenCount()).isEqualTo(tokens.get(0) + tokens.get(1));
            assertThat(firstTwo.content()).containsExactlyElementsOf(all.content().subList(0, 2));
            assertThat(prepared.scoreFirst(0).content()).isEmpty();
            assertThatThrownBy(() -> prepared.scoreFirst(4)).hasMessageContaining("first 4 of 3");
            // scoreFirst(2) ran the first image again: from the vision cache; the second image was not scored again
            assertThat(model.reranker().visionCacheStats().hits()).isEqualTo(1);
            assertThat(model.reranker().visionCacheStats().misses()).isEqualTo(2);
            assertThat(model.reranker().visionCacheStats().maxBytes())
                    .isEqualTo(Qwen3VlScoringModel.Builder.DEFAULT_VISION_CACHE_BYTES);
        }
    }

    @Test
    void the_cache_bound_is_a_builder_option_and_off_for_embeddings_by_default() {
        try (Qwen3VlScoringModel off = Qwen3VlScoringModel.builder().modelPath(Fixtures.model()).visionCacheBytes(0)
                .build();
                Qwen3VlEmbeddingModel embeddings = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model())
                        .build()) {
            off.scoreAll(segments(), QUERY);
            assertThat(off.reranker().visionCacheStats().maxBytes()).isZero();
            assertThat(off.reranker().visionCacheStats().entries()).isZero();
            assertThat(embeddings.embedder().hiddenSize()).isEqualTo(32);
        }
        assertThatThrownBy(() -> Qwen3VlScoringModel.builder().visionCacheBytes(-1))
                .hasMessageContaining("visionCacheBytes must be 0 (off) or positive, got -1");
    }
}
