package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwen3vl.testing.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class Qwen3VlConfigTest {

    static JsonNode read(String file) throws IOException {
        return new ObjectMapper().readTree(Fixtures.model().resolve(file).toFile());
    }

    @Test
    void should_read_both_spellings_of_the_rotary_settings_alike() throws IOException {
        Qwen3VlConfig v5 = Qwen3VlConfig.parse(read("config.json"), "config.json");
        Qwen3VlConfig v4 = Qwen3VlConfig.parse(read("config.transformers4.json"), "config.transformers4.json");
        assertThat(v4).isEqualTo(v5);
        assertThat(v5.text().ropeTheta()).isEqualTo(5e6);
        assertThat(v5.text().mropeSection()).containsExactly(6, 5, 5);
        assertThat(v5.text().headDim()).isEqualTo(32);
        assertThat(v5.vision().deepstackVisualIndexes()).containsExactly(1, 2, 3);
        assertThat(v5.tieWordEmbeddings()).isTrue();
    }

    @Test
    void should_reject_another_architecture_by_name() throws IOException {
        ObjectNode c = (ObjectNode) read("config.json");
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        assertThatThrownBy(() -> Qwen3VlConfig.parse(c, "x/config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LlamaForCausalLM")
                .hasMessageContaining("Qwen3VLForConditionalGeneration");
    }

    @Test
    void should_reject_an_mrope_section_that_does_not_fit_head_dim() throws IOException {
        ObjectNode c = (ObjectNode) read("config.json");
        ((ObjectNode) c.path("text_config").path("rope_parameters")).putArray("mrope_section").add(8).add(5).add(5);
        assertThatThrownBy(() -> Qwen3VlConfig.parse(c, "x/config.json"))
                .hasMessageContaining("mrope_section")
                .hasMessageContaining("16");
    }
}
