package dev.qwen3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the fixture folder (tokenizer, smart_resize, linspace, timestamps, image preprocessing, vision
 * intermediates, layer-by-layer hidden states, embeddings, reranker scores, video frame list and video file) as
 * a test, through the same {@link GoldenVerifier} as {@code bin/qwen3vl verify-golden}.
 */
class GoldenCasesTest {

    @TestFactory
    Stream<DynamicTest> every_golden_case_is_within_tolerance() {
        List<CaseResult> results = new GoldenVerifier(Fixtures.root()).run();
        assertThat(results).hasSizeGreaterThan(50);
        return results.stream().map(r -> DynamicTest.dynamicTest(r.name() + " — " + r.metric(), () -> {
            assertThat(r.status()).as(r.line()).isEqualTo(CaseResult.Status.PASS);
        }));
    }
}
