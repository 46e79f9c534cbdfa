package dev.qwen3vl.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigGroup;

/** The beans of one model name. */
@ConfigGroup
public interface ModelBeansConfig {

    /** The embedding model's bean. */
    BeanConfig embedding();

    /** The scoring model's bean. */
    BeanConfig scoring();
}
