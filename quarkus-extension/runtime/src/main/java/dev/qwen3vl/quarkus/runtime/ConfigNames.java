package dev.qwen3vl.quarkus.runtime;

/** Names of models and of their configuration properties. */
public final class ConfigNames {

    /** The name of the unnamed model (configured directly under {@code quarkus.qwen3vl}). */
    public static final String DEFAULT_NAME = "<default>";
    /** The prefix of every property of this extension. */
    public static final String PREFIX = "quarkus.qwen3vl";

    private ConfigNames() {}

    /** Whether {@code modelName} is the unnamed model. */
    public static boolean isDefault(String modelName) {
        return DEFAULT_NAME.equals(modelName);
    }

    /**
     * The full name of a property of a model, e.g. {@code quarkus.qwen3vl.embedding.model} for the unnamed model
     * and {@code quarkus.qwen3vl.fast.embedding.model} for the model named {@code fast} (quoted if the name contains
     * a dot).
     *
     * @param modelName the model's name or {@link #DEFAULT_NAME}
     * @param path the property below the model, e.g. {@code embedding.model}
     */
    public static String property(String modelName, String path) {
        if (isDefault(modelName)) {
            return PREFIX + "." + path;
        }
        String key = modelName.contains(".") ? "\"" + modelName + "\"" : modelName;
        return PREFIX + "." + key + "." + path;
    }

    /** A property shared by all models, e.g. {@code quarkus.qwen3vl.download.allowed}. */
    public static String global(String path) {
        return PREFIX + "." + path;
    }

    /** How a model is named in messages: {@code the unnamed embedding model} or {@code embedding model 'fast'}. */
    public static String describe(String modelName, ModelTask task) {
        return isDefault(modelName) ? "the unnamed Qwen3-VL " + task.key() + " model"
                : "the Qwen3-VL " + task.key() + " model '" + modelName + "'";
    }
}
