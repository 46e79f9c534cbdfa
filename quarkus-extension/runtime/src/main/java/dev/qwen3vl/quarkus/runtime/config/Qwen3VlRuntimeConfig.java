package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Configuration of the Qwen3-VL extension: which embedding and reranker models are loaded and how they run.
 *
 * <p>The unnamed model is configured under {@code quarkus.qwen3vl.*} and injected without qualifier; a named model
 * {@code NAME} is configured under {@code quarkus.qwen3vl.NAME.*} (quote names containing dots:
 * {@code quarkus.qwen3vl."my.model".*}) and injected with {@code @ModelName("NAME")}. A named model has its own
 * settings with the same defaults; it inherits nothing from the unnamed one.
 */
@ConfigMapping(prefix = "quarkus.qwen3vl")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface Qwen3VlRuntimeConfig {

    /** The unnamed model. */
    @WithParentName
    ModelConfig defaultConfig();

    /** Named models. */
    @WithParentName
    @ConfigDocMapKey("model-name")
    @ConfigDocSection
    Map<String, ModelConfig> namedConfig();

    /** Where models given as hub ids come from; shared by all models. */
    @ConfigDocSection
    DownloadConfig download();

    /**
     * Number of libtorch intra-op threads; by default one per CPU core. libtorch has one thread pool per process, so
     * this is shared by every model of the application.
     */
    OptionalInt threads();
}
