package dev.qwen3vl.quarkus.deployment;

import dev.qwen3vl.quarkus.runtime.Qwen3VlModels;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.runtime.RuntimeValue;

/** The application's models, loading since the runtime init. */
public final class ModelsBuildItem extends SimpleBuildItem {

    private final RuntimeValue<Qwen3VlModels> models;

    /** @param models the recorded models */
    public ModelsBuildItem(RuntimeValue<Qwen3VlModels> models) {
        this.models = models;
    }

    /** The recorded models. */
    public RuntimeValue<Qwen3VlModels> models() {
        return models;
    }
}
