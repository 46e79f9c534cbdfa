package dev.qwen3vl.quarkus.runtime;

import dev.qwen3vl.quarkus.runtime.config.ModelConfig;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlRuntimeConfig;
import java.util.Optional;

/** Which configured models are in use: a model is used when its {@code model} is set and it is enabled. */
final class ModelSelection {

    private ModelSelection() {}

    /** The configuration of the model name, if there is one. */
    static Optional<ModelConfig> modelConfig(Qwen3VlRuntimeConfig config, String modelName) {
        return ConfigNames.isDefault(modelName) ? Optional.of(config.defaultConfig())
                : Optional.ofNullable(config.namedConfig().get(modelName));
    }

    /** The configured model reference (folder or hub id) of a name and task, if set and not blank. */
    static Optional<String> reference(Qwen3VlRuntimeConfig config, String modelName, ModelTask task) {
        return modelConfig(config, modelName)
                .flatMap(c -> task == ModelTask.EMBEDDING ? c.embedding().model() : c.scoring().model())
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** Why the model is not used, or empty if it is. */
    static Optional<String> inactiveReason(Qwen3VlRuntimeConfig config, Qwen3VlBuildConfig build, String modelName,
            ModelTask task) {
        String what = ConfigNames.describe(modelName, task);
        String modelProperty = ConfigNames.property(modelName, task.key() + ".model");
        if (reference(config, modelName, task).isEmpty()) {
            return Optional.of(what + " is not configured: set " + modelProperty
                    + " to a model folder or hub id");
        }
        if (!build.enabled(modelName, task).orElse(true)) {
            return Optional.of(what + " is disabled: " + ConfigNames.property(modelName, task.key() + ".enabled")
                    + " is false (at build time)");
        }
        return Optional.empty();
    }
}
