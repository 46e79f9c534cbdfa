package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredModelsTest {

    @Test
    void should_find_every_name_whose_model_is_set_and_enabled() {
        SmallRyeConfig config = config(Map.of(
                "quarkus.qwen3vl.embedding.model", "/models/embedding",
                "quarkus.qwen3vl.fast.embedding.model", "/models/fast",
                "quarkus.qwen3vl.\"ranker.v2\".scoring.model", "Qwen/Qwen3-VL-Reranker-2B",
                "quarkus.qwen3vl.off.embedding.model", "/models/off",
                "quarkus.qwen3vl.off.embedding.enabled", "false",
                "quarkus.qwen3vl.blank.embedding.model", "   ",
                "quarkus.qwen3vl.only-dimension.embedding.dimension", "64"));

        assertThat(ConfiguredModels.names(config, ModelTask.EMBEDDING))
                .containsExactly(ConfigNames.DEFAULT_NAME, "fast");
        assertThat(ConfiguredModels.names(config, ModelTask.SCORING)).containsExactly("ranker.v2");
    }

    @Test
    void should_find_nothing_without_models() {
        SmallRyeConfig config = config(Map.of("quarkus.qwen3vl.device", "gpu"));

        assertThat(ConfiguredModels.names(config, ModelTask.EMBEDDING)).isEmpty();
        assertThat(ConfiguredModels.names(config, ModelTask.SCORING)).isEmpty();
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
