package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dimension above the model's hidden size (32 for the tiny model) fails the start, naming the property. */
class DimensionLargerThanModelTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.embedding.dimension", "64")
            .assertException(e -> assertThat(StartupFailures.messages(e))
                    .contains("quarkus.qwen3vl.embedding.dimension=64 is larger than the hidden size 32"));

    @Test
    void should_not_start() {
        fail("The application must not start");
    }
}
