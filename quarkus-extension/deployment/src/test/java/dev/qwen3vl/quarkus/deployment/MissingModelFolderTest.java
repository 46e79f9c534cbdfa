package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A model folder that does not exist fails the start, naming the property and the folder. */
class MissingModelFolderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.fast.embedding.enabled", "true")
            .overrideConfigKey("quarkus.qwen3vl.fast.embedding.model", "/nonexistent/qwen3vl-model")
            .assertException(e -> assertThat(StartupFailures.messages(e))
                    .contains("quarkus.qwen3vl.fast.embedding.model=/nonexistent/qwen3vl-model")
                    .contains("No model folder at /nonexistent/qwen3vl-model: it does not exist"));

    @Test
    void should_not_start() {
        fail("The application must not start");
    }
}
