package dev.qwen3vl.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigNamesTest {

    @Test
    void should_name_the_properties_of_the_unnamed_model_without_a_key() {
        assertThat(ConfigNames.property(ConfigNames.DEFAULT_NAME, "embedding.model"))
                .isEqualTo("quarkus.qwen3vl.embedding.model");
        assertThat(ConfigNames.describe(ConfigNames.DEFAULT_NAME, ModelTask.SCORING))
                .isEqualTo("the unnamed Qwen3-VL scoring model");
    }

    @Test
    void should_quote_model_names_that_contain_dots() {
        assertThat(ConfigNames.property("fast", "embedding.dimension"))
                .isEqualTo("quarkus.qwen3vl.fast.embedding.dimension");
        assertThat(ConfigNames.property("ranker.v2", "scoring.model"))
                .isEqualTo("quarkus.qwen3vl.\"ranker.v2\".scoring.model");
    }
}
