package dev.qwen3vl.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The application restarted in the same JVM under another profile: the native libraries (libtorch, tokenizers)
 * are loaded once and reused, and the new configuration takes effect.
 */
@QuarkusTest
@TestProfile(MatryoshkaProfile.class)
class MatryoshkaProfileTest {

    @Test
    void should_embed_with_the_profiles_dimension_and_instruction() {
        JsonNode golden = Fixtures.goldenCase("text_instruction");

        float[] vector = Client.embed(golden.path("texts").get(0).asText());

        assertThat(vector).containsExactly(Fixtures.floats(golden.path("embedding_dim16")), within(1e-4f));
    }
}
