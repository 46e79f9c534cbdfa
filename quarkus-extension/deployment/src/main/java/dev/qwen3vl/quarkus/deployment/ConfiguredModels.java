package dev.qwen3vl.quarkus.deployment;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import dev.qwen3vl.quarkus.runtime.config.Qwen3VlBuildConfig;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models that have beans beyond those the application injects, from the build-time mapping alone: the unnamed
 * model unless its {@code embedding.enabled} (or {@code scoring.enabled}) is false — it stays inactive until its
 * {@code model} is set at run time, like Quarkus' default datasource — and each named model whose {@code enabled} is
 * true.
 */
final class ConfiguredModels {

    private ConfiguredModels() {}

    /** The names with a bean for {@code task}, {@link ConfigNames#DEFAULT_NAME} for the unnamed model. */
    static Set<String> names(Qwen3VlBuildConfig config, ModelTask task) {
        Set<String> names = new TreeSet<>();
        if (config.enabled(ConfigNames.DEFAULT_NAME, task).orElse(true)) {
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
