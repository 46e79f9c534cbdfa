package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.langchain4j.Qwen3VlEmbeddingModel;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unnamed embedding and scoring models: injectable, and they compute what the engine and the reference do. */
class DefaultModelsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            // compared with the float32 reference at float32 tolerance; dtype auto may choose bfloat16 elsewhere
            .overrideConfigKey("quarkus.qwen3vl.dtype", "float32")
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.scoring.model", Fixtures.model().toString());

    @Inject
    EmbeddingModel embeddingModel;

    @Inject
    Qwen3VlEmbeddingModel qwen3VlEmbeddingModel;

    @Inject
    ScoringModel scoringModel;

    @Inject
    Qwen3VlScoringModel qwen3VlScoringModel;

    @Test
    void should_embed_the_fixture_text_like_the_engine_and_the_reference() {
        JsonNode golden = Fixtures.goldenCase("text_default");
        String text = golden.path("texts").get(0).asText();

        float[] vector = embeddingModel.embed(text).content().vector();

        float[] direct;
        try (Qwen3VlEmbeddingModel engine = Qwen3VlEmbeddingModel.builder()
                .modelPath(Path.of(Fixtures.model().toString()))
                .build()) {
            direct = engine.embed(text).content().vector();
        }
        assertThat(vector).containsExactly(direct, within(1e-6f));
        assertThat(vector).containsExactly(Fixtures.floats(golden.path("embedding")), within(1e-4f));
        assertThat(embeddingModel.dimension()).isEqualTo(32);
    }

    @Test
    void should_score_the_fixture_pair_like_the_engine_and_the_reference() {
        JsonNode golden = Fixtures.goldenCase("text_paris");
        String query = golden.path("query_texts").get(0).asText();
        String document = golden.path("doc_texts").get(0).asText();

        double score = scoringModel.score(document, query).content();

        double direct;
        try (Qwen3VlScoringModel engine = Qwen3VlScoringModel.builder()
                .modelPath(Path.of(Fixtures.model().toString()))
                .build()) {
            direct = engine.scoreAll(List.of(TextSegment.from(document)), query).content().get(0);
        }
        assertThat(score).isCloseTo(direct, within(1e-9));
        assertThat(score).isCloseTo(golden.path("score").asDouble(), within(1e-4));
    }

    @Test
    void should_inject_one_model_under_both_types() {
        assertThat(embeddingModel).isSameAs(qwen3VlEmbeddingModel);
        assertThat(scoringModel).isSameAs(qwen3VlScoringModel);
    }
}
