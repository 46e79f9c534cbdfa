package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build learns which models nothing injects but still need a bean from the build-time mapping alone. */
class ConfiguredModelsTest {

    @Test
    void should_find_the_unnamed_model_and_every_name_enabled_at_build_time_and_ignore_run_time_properties() {
        Qwen3VlBuildConfig config = config(Map.of(
                "quarkus.qwen3vl.scoring.enabled", "false",
                "quarkus.qwen3vl.fast.embedding.enabled", "true",
                "quarkus.qwen3vl.\"ranker.v2\".scoring.enabled", "true",
                "quarkus.qwen3vl.off.embedding.enabled", "false",
                "quarkus.qwen3vl.run-time-only.embedding.model", "/models/run-time-only",
                "quarkus.qwen3vl.scoring.model", "/models/reranker"));

        assertThat(ConfiguredModels.names(config, ModelTask.EMBEDDING))
                .containsExactly(ConfigNames.DEFAULT_NAME, "fast");
        assertThat(ConfiguredModels.names(config, ModelTask.SCORING)).containsExactly("ranker.v2");
        assertThat(config.enabled("off", ModelTask.EMBEDDING)).contains(false);
        assertThat(config.enabled(ConfigNames.DEFAULT_NAME, ModelTask.SCORING)).contains(false);
        assertThat(config.enabled("fast", ModelTask.SCORING)).isEmpty();
    }

    @Test
    void should_find_only_the_unnamed_model_without_build_time_properties() {
        Qwen3VlBuildConfig config = config(Map.of("quarkus.qwen3vl.device", "gpu",
                "quarkus.qwen3vl.named.embedding.model", "/models/embedding"));

        assertThat(ConfiguredModels.names(config, ModelTask.EMBEDDING)).containsExactly(ConfigNames.DEFAULT_NAME);
        assertThat(ConfiguredModels.names(config, ModelTask.SCORING)).containsExactly(ConfigNames.DEFAULT_NAME);
    }

    private static Qwen3VlBuildConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(Qwen3VlBuildConfig.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(Qwen3VlBuildConfig.class);
    }
}
