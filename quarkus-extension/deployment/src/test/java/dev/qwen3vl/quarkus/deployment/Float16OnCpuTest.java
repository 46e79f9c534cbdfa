package dev.qwen3vl.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.qwen3vl.testing.Fixtures;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** float16 on the CPU fails the start, naming the property and why (no fast float16 arithmetic on a CPU). */
class Float16OnCpuTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.qwen3vl.embedding.model", Fixtures.model().toString())
            .overrideConfigKey("quarkus.qwen3vl.dtype", "float16")
            .assertException(e -> assertThat(StartupFailures.messages(e))
                    .contains("quarkus.qwen3vl.dtype")
                    .contains("float16 is for CUDA devices only"));

    @Test
    void should_not_start() {
        fail("The application must not start");
    }
}
