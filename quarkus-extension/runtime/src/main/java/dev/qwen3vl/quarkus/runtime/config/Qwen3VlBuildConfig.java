package dev.qwen3vl.quarkus.runtime.config;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * What the build decides: which Qwen3-VL models have a bean. The build creates a bean for every model the
 * application injects ({@code @Inject EmbeddingModel}, or with {@code @ModelName("NAME")}); these properties add
 * models that nothing injects (looked up programmatically, loaded at startup) or switch models off. They are fixed
 * at build time; everything else about a model is read when the application starts.
 */
@ConfigMapping(prefix = "quarkus.qwen3vl")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface Qwen3VlBuildConfig {

    /** The unnamed model's beans. */
    @WithParentName
    ModelBeansConfig defaultConfig();

    /** Named models' beans. */
    @WithParentName
    @ConfigDocMapKey("model-name")
    @ConfigDocSection
    Map<String, ModelBeansConfig> namedConfig();

    /** The {@code enabled} property of a model name and task, if set. */
    default Optional<Boolean> enabled(String modelName, ModelTask task) {
        Optional<ModelBeansConfig> model = ConfigNames.isDefault(modelName) ? Optional.of(defaultConfig())
                : Optional.ofNullable(namedConfig().get(modelName));
        return model.flatMap(m -> task == ModelTask.EMBEDDING ? m.embedding().enabled() : m.scoring().enabled());
    }
}
