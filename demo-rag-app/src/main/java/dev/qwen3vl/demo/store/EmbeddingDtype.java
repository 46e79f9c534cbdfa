package dev.qwen3vl.demo.store;

import dev.qwen3vl.model.ModelOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compute type of the embeddings, as the chunk table records it: {@code quarkus.qwen3vl.dtype} when set, else the
 * engine's default for {@code quarkus.qwen3vl.device} (float32 on the CPU, float16 on a GPU).
 */
@ApplicationScoped
public class EmbeddingDtype {

    private final String name;

    /**
     * @param dtype  the configured compute type, if any
     * @param device the configured device
     */
    public EmbeddingDtype(@ConfigProperty(name = "quarkus.qwen3vl.dtype") Optional<String> dtype,
                          @ConfigProperty(name = "quarkus.qwen3vl.device", defaultValue = "cpu") String device) {
        this.name = dtype.map(d -> d.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> ModelOptions.cpu().withDevice(device).dtype().name().toLowerCase(Locale.ROOT));
    }

    /** E.g. {@code float32}. */
    public String name() {
        return name;
    }
}
