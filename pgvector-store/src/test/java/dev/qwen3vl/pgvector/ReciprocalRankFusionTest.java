package dev.qwen3vl.pgvector;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReciprocalRankFusionTest {

    @Test
    void should_sum_reciprocal_ranks_and_scale_them_to_one_for_a_row_first_everywhere() {
        List<EmbeddingMatch<TextSegment>> vector = List.of(match("a"), match("b"), match("c"));
        List<EmbeddingMatch<TextSegment>> text = List.of(match("c"), match("a"));

        List<EmbeddingMatch<TextSegment>> fused = ReciprocalRankFusion.fuse(List.of(vector, text), 60, 10);

        // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62; scaled by the best possible 2/61
        assertThat(fused).extracting(EmbeddingMatch::embeddingId).containsExactly("a", "c", "b");
        assertThat(fused.get(0).score()).isCloseTo((1.0 / 61 + 1.0 / 62) * 61 / 2, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo((1.0 / 63 + 1.0 / 61) * 61 / 2, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo((1.0 / 62) * 61 / 2, within(1e-12));
        assertThat(fused.get(0).embedded().text()).isEqualTo("text of a");
        assertThat(ReciprocalRankFusion.fuse(List.of(vector, vector), 60, 1)).singleElement()
                .satisfies(m -> assertThat(m.score()).isEqualTo(1.0));
    }

    @Test
    void should_break_ties_by_the_best_rank_then_by_id() {
        List<EmbeddingMatch<TextSegment>> first = List.of(match("y"), match("b"));
        List<EmbeddingMatch<TextSegment>> second = List.of(match("x"), match("a"));

        List<EmbeddingMatch<TextSegment>> fused = ReciprocalRankFusion.fuse(List.of(first, second), 1, 3);

        assertThat(fused).extracting(EmbeddingMatch::embeddingId).containsExactly("x", "y", "a");
    }

    private static EmbeddingMatch<TextSegment> match(String id) {
        return new EmbeddingMatch<>(0.5, id, Embedding.from(new float[] {1f, 0f}), TextSegment.from("text of " + id));
    }
}
