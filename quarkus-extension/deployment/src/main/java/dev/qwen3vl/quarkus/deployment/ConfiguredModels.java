package dev.qwen3vl.quarkus.deployment;

import dev.qwen3vl.quarkus.runtime.ConfigNames;
import dev.qwen3vl.quarkus.runtime.ModelTask;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The models the build-time configuration asks for: each name whose {@code embedding.model} (or
 * {@code scoring.model}) is set and whose {@code enabled} is not false.
 */
final class ConfiguredModels {

    private static final Pattern MODEL_PROPERTY = Pattern.compile(
            Pattern.quote(ConfigNames.PREFIX) + "\\.(?:\"([^\"]+)\"\\.|([^.\"]+)\\.)?(embedding|scoring)\\.model");

    private ConfiguredModels() {}

    /** The names configured for {@code task}, {@link ConfigNames#DEFAULT_NAME} for the unnamed model. */
    static Set<String> names(Config config, ModelTask task) {
        Set<String> names = new TreeSet<>();
        if (isSet(config, ConfigNames.DEFAULT_NAME, task)) {
            names.add(ConfigNames.DEFAULT_NAME); // also found when set as an environment variable
        }
        for (String property : config.getPropertyNames()) {
            Matcher m = MODEL_PROPERTY.matcher(property);
            if (m.matches() && m.group(3).equals(task.key())) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                        : ConfigNames.DEFAULT_NAME;
                if (isSet(config, name, task)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean isSet(Config config, String name, ModelTask task) {
        boolean hasModel = config.getOptionalValue(ConfigNames.property(name, task.key() + ".model"), String.class)
                .filter(s -> !s.isBlank())
                .isPresent();
        boolean enabled = config.getOptionalValue(ConfigNames.property(name, task.key() + ".enabled"), Boolean.class)
                .orElse(true);
        return hasModel && enabled;
    }
}
