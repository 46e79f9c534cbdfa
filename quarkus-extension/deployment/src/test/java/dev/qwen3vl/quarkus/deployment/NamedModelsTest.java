package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.qwen3vl.langchain4j.Qwen3VlScoringModel;
import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelName;
import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named models are separate beans, qualified with {@code @ModelName}, each with its own settings. */
class NamedModelsTest {

    private static final String RANKER_INSTRUCTION = "Find the matching caption.";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.dtype", "float32")
            .overrideConfigKey("quarkus.qwen3vl.small.dtype", "float32")
            .overrideConfigKey("quarkus.qwen3vl.\"ranker.v2\".dtype", "float32")
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.small.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.small.embedding.dimension", "16")
            .overrideConfigKey("quarkus.qwen3vl.\"ranker.v2\".scoring.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.\"ranker.v2\".scoring.instruction", RANKER_INSTRUCTION)
            .overrideConfigKey("quarkus.qwen3vl.\"ranker.v2\".scoring.vision-cache", "3M")
            .overrideConfigKey("quarkus.qwen3vl.off.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.off.embedding.enabled", "false");

    @Inject
    EmbeddingModel unnamed;

    @Inject
    @ModelName("small")
    EmbeddingModel small;

    @Inject
    @ModelName("ranker.v2")
    ScoringModel ranker;

    @Inject
    @Any
    Instance<EmbeddingModel> embeddingModels;

    @Inject
    @Any
    InjectableInstance<ScoringModel> scoringModels;

    @Inject
    Qwen3VlModels models;

    @Test
    void should_give_each_name_its_own_model_and_settings() {
        JsonNode golden = Fixtures.goldenCase("text_default");
        String text = golden.path("texts").get(0).asText();

        assertThat(small).isNotSameAs(unnamed);
        assertThat(unnamed.dimension()).isEqualTo(32);
        assertThat(small.dimension()).isEqualTo(16);
        assertThat(unnamed.embed(text).content().vector())
                .containsExactly(Fixtures.floats(golden.path("embedding")), within(1e-4f));
        assertThat(small.embed(text).content().vector())
                .containsExactly(Fixtures.floats(golden.path("embedding_dim16")), within(1e-4f));
        assertThat(embeddingModels.select(ModelName.Literal.of("small")).get()).isSameAs(small);
    }

    @Test
    void should_score_with_the_named_models_instruction() {
        String query = "colourful waves";
        String document = "waves of colour";

        double score = ranker.score(document, query).content();

        try (Qwen3VlScoringModel engine = Qwen3VlScoringModel.builder()
                .modelPath(Path.of(Fixtures.model().toString()))
                .instruction(RANKER_INSTRUCTION)
                .build();
                Qwen3VlScoringModel defaultInstruction = Qwen3VlScoringModel.builder()
                        .modelPath(Path.of(Fixtures.model().toString()))
                        .build()) {
            List<TextSegment> documents = List.of(TextSegment.from(document));
            assertThat(score).isCloseTo(engine.scoreAll(documents, query).content().get(0), within(1e-9));
            assertThat(score).isNotCloseTo(defaultInstruction.scoreAll(documents, query).content().get(0),
                    within(1e-6));
        }
        assertThat(scoringModels.select(Default.Literal.INSTANCE).listActive())
                .as("no unnamed scoring model is configured").isEmpty();
    }

    @Test
    void should_bound_the_named_scoring_models_vision_cache_as_configured() {
        assertThat(((Qwen3VlScoringModel) ranker).reranker().visionCacheStats().maxBytes()).isEqualTo(3L << 20);
    }

    @Test
    void should_neither_create_nor_load_a_disabled_model() {
        assertThat(embeddingModels.select(ModelName.Literal.of("off")).isUnsatisfied()).isTrue();
        assertThat(models.embeddingModels()).containsOnlyKeys(ConfigNames.DEFAULT_NAME, "small");
        assertThat(models.scoringModels()).containsOnlyKeys("ranker.v2");
    }
}
