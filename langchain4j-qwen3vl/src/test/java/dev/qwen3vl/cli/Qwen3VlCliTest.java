package dev.qwen3vl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwen3vl.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands of bin/qwen3vl on the fixture model. */
class Qwen3VlCliTest {

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Qwen3VlCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void embed_prints_the_vector_the_sampled_frames_and_the_token_count() throws Exception {
        String video = Fixtures.root().resolve("video-file/clip.mp4").toString();
        Run r = run("embed", "--model", Fixtures.model().toString(), "--video", video, "--text", "a moving pattern",
                "--dimension", "8");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("dimension").asInt()).isEqualTo(8);
        assertThat(json.path("vector").size()).isEqualTo(8);
        JsonNode golden = Fixtures.readJson(Fixtures.root().resolve("video-file/golden.json"));
        assertThat(json.path("token_count").asInt()).isEqualTo(golden.path("input_ids").size());
        assertThat(json.path("videos").get(0).path("sampled_frames")).isEqualTo(golden.path("sampled_indices"));
    }

    @Test
    void rerank_scores_text_and_image_documents() throws Exception {
        Run r = run("rerank", "--model", Fixtures.model().toString(), "--query-image",
                Fixtures.image("a_64x96.png").toString(), "--doc", "waves of colour", "--doc-image",
                Fixtures.image("b_100x150.png").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode scores = new ObjectMapper().readTree(r.out()).path("scores");
        assertThat(scores.size()).isEqualTo(2);
        assertThat(scores.get(0).path("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void verify_golden_reports_every_case_and_the_counts() {
        Run r = run("verify-golden", Fixtures.root().toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("embedding/image_only").containsPattern("\\d+ passed, 0 failed");
    }

    @Test
    void errors_say_what_is_wrong() {
        Run missing = run("embed", "--model", "/no/such/model", "--text", "x");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("/no/such/model").contains("config.json");
        Run unknown = run("frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'");
        Run notFixture = run("verify-golden", Fixtures.model().toString());
        assertThat(notFixture.status()).isEqualTo(1);
        assertThat(notFixture.err()).contains("is not a fixture folder");
    }
}
