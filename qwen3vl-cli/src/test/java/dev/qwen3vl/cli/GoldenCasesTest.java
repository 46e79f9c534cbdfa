package dev.qwen3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every fixture folder (tokenizer, smart_resize, linspace, timestamps, image preprocessing, vision
 * intermediates, layer-by-layer hidden states, embeddings, reranker scores, video frame list and video file) as
 * a test, through the same {@link GoldenVerifier} as {@code bin/qwen3vl verify-golden}. The folders are those of
 * {@link Fixtures#goldenFolders()}: each folder under {@code testdata/} holding a {@code golden.json} (the tiny
 * model and the differently shaped variant) plus the one named by {@code -Dqwen3vl.fixtures}, one container each.
 */
class GoldenCasesTest {

    @TestFactory
    Stream<DynamicNode> every_golden_case_of_every_fixture_folder_is_within_tolerance() {
        List<Path> folders = Fixtures.goldenFolders();
        assertThat(folders).isNotEmpty();
        return folders.stream().map(dir -> DynamicContainer.dynamicContainer(String.valueOf(dir.getFileName()),
                dir.toUri(), Stream.of(dir).flatMap(GoldenCasesTest::cases)));
    }

    // runs the verifier when the container executes, so each folder's model is loaded only while it is checked
    private static Stream<DynamicTest> cases(Path dir) {
        List<CaseResult> results = new GoldenVerifier(dir).run();
        assertThat(results).as("results for " + dir).hasSizeGreaterThan(50);
        return results.stream().map(r -> DynamicTest.dynamicTest(r.name() + " — " + r.metric(), () -> {
            assertThat(r.status()).as(dir.getFileName() + ": " + r.line()).isEqualTo(CaseResult.Status.PASS);
        }));
    }
}
