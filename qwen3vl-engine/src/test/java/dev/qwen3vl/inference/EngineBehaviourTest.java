package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.InputTooLongException;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.SampleInputs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batching never changes a result; limits give the specified errors; truncation follows the reference. */
class EngineBehaviourTest {

    static Qwen3VlEmbedder embedder;
    static Qwen3VlReranker reranker;

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

    @Test
    void embeddings_do_not_depend_on_batch_composition() {
        List<EmbedRequest> requests = new ArrayList<>();
        SampleInputs.mixed().forEach(c -> requests.add(EmbedRequest.of(c)));
        List<EmbeddingResult> together = embedder.embedAll(requests);
        for (int i = 0; i < requests.size(); i++) {
            float[] alone = embedder.embed(requests.get(i)).vector();
            assertThat(together.get(i).vector()).as("input %d", i).containsExactly(alone, offset(1e-5f));
        }
    }

    @Test
    void reranker_scores_do_not_depend_on_batch_composition() {
        MultimodalContent query = MultimodalContent.text("colourful waves");
        List<MultimodalContent> docs = SampleInputs.mixed();
        List<ScoreResult> together = reranker.scoreAll(query, docs, null);
        for (int i = 0; i < docs.size(); i++) {
            assertThat(together.get(i).logit()).as("document %d", i)
                    .isCloseTo(reranker.score(query, docs.get(i), null).logit(), offset(1e-5));
        }
    }

    @Test
    void an_over_long_input_names_its_token_count_and_the_limit() {
        try (Qwen3VlEmbedder limited = Qwen3VlEmbedder.load(Fixtures.model(),
                EngineSettings.defaults().withMaxLength(64, false))) {
            String text = "word ".repeat(100);
            assertThatThrownBy(() -> limited.embed(EmbedRequest.of(MultimodalContent.text(text))))
                    .isInstanceOf(InputTooLongException.class)
                    .hasMessageContaining("more than the maximum length of 64")
                    .satisfies(e -> assertThat(((InputTooLongException) e).tokens()).isGreaterThan(100));
        }
    }

    @Test
    void truncation_keeps_the_first_tokens_and_the_pooling_token() {
        try (Qwen3VlEmbedder truncating = Qwen3VlEmbedder.load(Fixtures.model(),
                EngineSettings.defaults().withMaxLength(64, true))) {
            EmbedRequest r = EmbedRequest.of(MultimodalContent.text("word ".repeat(100)));
            EncodedSequence s = truncating.encode(r);
            EncodedSequence full = embedder.encode(r);
            assertThat(s.length()).isEqualTo(64);
            assertThat(s.ids()[63]).isEqualTo(151643L);
            assertThat(java.util.Arrays.copyOf(s.ids(), 63)).containsExactly(java.util.Arrays.copyOf(full.ids(), 63));
            assertThat(truncating.embed(r).vector()).hasSize(32);
        }
    }

    @Test
    void matryoshka_dimension_outside_one_to_hidden_is_rejected() {
        assertThatThrownBy(() -> embedder.embed(new EmbedRequest(MultimodalContent.text("x"), null, 0)))
                .hasMessageContaining("between 1 and 32");
        assertThatThrownBy(() -> embedder.embed(new EmbedRequest(MultimodalContent.text("x"), null, 33)))
                .hasMessageContaining("between 1 and 32");
    }

    @Test
    void text_with_a_reserved_pad_token_is_rejected() {
        assertThatThrownBy(() -> embedder.embed(EmbedRequest.of(MultimodalContent.text("a <|image_pad|> b"))))
                .hasMessageContaining("<|image_pad|>");
    }
}
