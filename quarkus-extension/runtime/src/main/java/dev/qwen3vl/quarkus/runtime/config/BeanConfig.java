package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigGroup;
import java.util.Optional;

/** Whether the build creates one model's bean. */
@ConfigGroup
public interface BeanConfig {

    /**
     * Whether this model has a bean. By default it has one when the application injects it. With {@code true} the
     * bean is created (and the model loaded at startup) even if nothing injects it; with {@code false} the model is
     * never loaded and using an injected bean fails with the reason.
     */
    @ConfigDocDefault("true when the application injects the model")
    Optional<Boolean> enabled();
}
