package dev.qwen3vl.demo.store;

import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.model.CpuFeatures;
import dev.qwen3vl.model.ModelOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compute type of the embeddings, as the chunk table records it: {@code quarkus.qwen3vl.dtype} resolved the way
 * the embedding model resolves it on {@code quarkus.qwen3vl.device} ({@code auto} becomes bfloat16 or float32).
 */
@ApplicationScoped
public class EmbeddingDtype {

    private final String name;

    /**
     * @param dtype  the configured compute type
     * @param device the configured device
     */
    public EmbeddingDtype(@ConfigProperty(name = "quarkus.qwen3vl.dtype", defaultValue = "auto") String dtype,
                          @ConfigProperty(name = "quarkus.qwen3vl.device", defaultValue = "cpu") String device) {
        this.name = ModelOptions.cpu().withDevice(device).withDtype(ComputeType.parse(dtype))
                .resolvedDtype(CpuFeatures.current()).type().label();
    }

    /** E.g. {@code float32}. */
    public String name() {
        return name;
    }
}
