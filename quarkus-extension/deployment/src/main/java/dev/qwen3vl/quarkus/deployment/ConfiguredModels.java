package dev.qwen3vl.quarkus.deployment;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models the build-time configuration asks for beyond those the application injects: each name whose
 * {@code embedding.enabled} (or {@code scoring.enabled}) is true.
 */
final class ConfiguredModels {

    private ConfiguredModels() {}

    /** The names enabled for {@code task}, {@link ConfigNames#DEFAULT_NAME} for the unnamed model. */
    static Set<String> names(Qwen3VlBuildConfig config, ModelTask task) {
        Set<String> names = new TreeSet<>();
        if (config.enabled(ConfigNames.DEFAULT_NAME, task).orElse(false)) {
            names.add(ConfigNames.DEFAULT_NAME);
        }
        for (String name : config.namedConfig().keySet()) {
            if (config.enabled(name, task).orElse(false)) {
                names.add(name);
            }
        }
        return names;
    }
}
