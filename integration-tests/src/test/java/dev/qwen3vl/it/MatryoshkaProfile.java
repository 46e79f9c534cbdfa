package dev.qwen3vl.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Another configuration of the same application: 16-dimensional embeddings under a query instruction. */
public class MatryoshkaProfile implements QuarkusTestProfile {

    /** The embedding instruction of the golden case {@code text_instruction}. */
    static final String INSTRUCTION = "Retrieve images or text relevant to the user's query";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.qwen3vl.embedding.dimension", "16",
                "quarkus.qwen3vl.embedding.instruction", INSTRUCTION);
    }
}
