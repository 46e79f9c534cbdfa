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
                "--dimension", "8", "--dtype", "bf16");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("dtype").asText()).isEqualTo("bfloat16");
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
                Fixtures.image("b_100x150.png").toString(), "--dtype", "float32");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).path("dtype").asText()).isEqualTo("float32");
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
    void verify_golden_in_bfloat16_prints_the_dtype_and_tolerance_on_every_line() {
        Run r = run("verify-golden", "--dtype", "bfloat16", Fixtures.root().toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(
                line -> assertThat(line).contains(" bfloat16 ").contains(" tol="));
        assertThat(r.out()).containsPattern("embedding/image_only +embedding 1-cos +bfloat16 +err=\\S+ +tol=0.00100 +PASS")
                .containsPattern("rerank/\\S+ +score +bfloat16 +err=\\S+ +tol=0.0100 +PASS");
        Run bad = run("verify-golden", "--dtype", "int4", Fixtures.root().toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("Unknown dtype 'int4'").contains("bfloat16 (bf16)");
    }

    @Test
    void errors_say_what_is_wrong() {
        Run missing = run("embed", "--model", "/no/such/model", "--text", "x");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("/no/such/model").contains("config.json");
        Run unknown = run("frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'");
        Run noCommand = run();
        assertThat(noCommand.status()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Missing command").contains("Commands:");
        Run notFixture = run("verify-golden", Fixtures.model().toString());
        assertThat(notFixture.status()).isEqualTo(1);
        assertThat(notFixture.err()).contains("is not a fixture folder");
    }

    @Test
    void an_unknown_or_misspelt_option_is_an_error_with_the_usage_and_nothing_runs() {
        Run unknown = run("verify-golden", "--precision", "bfloat16", Fixtures.root().toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("Unknown options: '--precision'").contains("Usage: qwen3vl verify-golden");
        Run misspelt = run("embed", "--modle", Fixtures.model().toString(), "--text", "x");
        assertThat(misspelt.status()).isEqualTo(2);
        assertThat(misspelt.err()).contains("'--modle'").contains("--model").contains("Usage: qwen3vl embed");
        Run badValue = run("bench", "--shapes", "8by256");
        assertThat(badValue.status()).isEqualTo(2);
        assertThat(badValue.err()).contains("shapes look like 1x128,8x256; got '8by256'");
    }

    @Test
    void doctor_reports_the_native_stack_and_runs_a_tiny_forward_pass() {
        Run r = run("doctor");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("libtorch +2\\.7\\.1 \\(cpu, from the PyTorch preset\\) via DJL 0\\.36\\.0, /\\S+/libtorch_cpu\\.so")
                .containsPattern("dtype +auto resolves to (float32|bfloat16) here \\(auto: ")
                .contains("ffmpeg").containsPattern("forward +tiny random model on cpu as (float32|bfloat16) \\(auto: .*\\): finite outputs")
                .endsWith("ok" + System.lineSeparator());
    }
}
