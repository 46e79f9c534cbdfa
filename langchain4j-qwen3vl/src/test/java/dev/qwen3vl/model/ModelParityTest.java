package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.PromptBuilder;
import dev.qwen3vl.input.PromptPart;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.SequenceEncoder;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.GoldenInputs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ids, positions, hidden states and pooled outputs against the reference goldens, from golden pixel values. */
class ModelParityTest {

    static Qwen3VlModel model;
    static Qwen3Tokenizer tokenizer;
    static SequenceEncoder encoder;
    static GoldenInputs inputs;

    @BeforeAll
    static void load() {
        model = Qwen3VlModel.load(Fixtures.model(), ModelOptions.cpu());
        tokenizer = Qwen3Tokenizer.load(Fixtures.model());
        encoder = new SequenceEncoder(tokenizer, 2);
        inputs = new GoldenInputs();
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
        inputs.close();
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    static EncodedSequence encodeEmbedding(JsonNode c) {
        List<Visual> visuals = new ArrayList<>();
        if (!c.path("video").isNull() && !c.path("video").isMissingNode()) {
            visuals.add(inputs.video());
        }
        for (JsonNode img : c.path("images")) {
            visuals.add(inputs.image(img.asText()));
        }
        String instruction = c.path("instruction").isNull() ? null : c.path("instruction").asText();
        List<PromptPart> prompt = PromptBuilder.embedding(instruction, c.path("video").isTextual() ? 1 : 0,
                c.path("images").size(), strings(c.path("texts")));
        assertThat(PromptBuilder.render(prompt)).as("prompt of %s", c.path("id")).isEqualTo(c.path("prompt").asText());
        assertThat(encoder.expand(prompt, visuals)).isEqualTo(c.path("expanded_prompt").asText());
        return encoder.embedding(prompt, visuals, 8192, false);
    }

    static EncodedSequence encodeRerank(JsonNode c) {
        List<Visual> visuals = new ArrayList<>();
        for (JsonNode img : c.path("query_images")) {
            visuals.add(inputs.image(img.asText()));
        }
        for (JsonNode img : c.path("doc_images")) {
            visuals.add(inputs.image(img.asText()));
        }
        String instruction = c.path("instruction").isNull() ? null : c.path("instruction").asText();
        List<PromptPart> prompt = PromptBuilder.reranker(instruction, 0, c.path("query_images").size(),
                strings(c.path("query_texts")), 0, c.path("doc_images").size(), strings(c.path("doc_texts")));
        assertThat(PromptBuilder.render(prompt)).as("prompt of %s", c.path("id")).isEqualTo(c.path("prompt").asText());
        return encoder.reranker(prompt, visuals, 10240, false);
    }

    static ModelInput toModelInput(EncodedSequence s) {
        return new ModelInput(s.ids(), s.positions(), s.patches());
    }

    static void assertPositions(JsonNode c, EncodedSequence s) {
        assertThat(s.ids()).as("input_ids of %s", c.path("id")).containsExactly(Fixtures.longs(c.path("input_ids")));
        for (int r = 0; r < 3; r++) {
            assertThat(s.positions()[r]).as("position row %d of %s", r, c.path("id"))
                    .containsExactly(Fixtures.longs(c.path("position_ids").get(r)));
        }
    }

    static double maxAbs(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    @Test
    void every_embedding_case_matches_ids_positions_and_pooled_state() {
        int checked = 0;
        for (JsonNode c : Fixtures.golden().path("cases")) {
            if (!c.path("kind").asText().equals("embedding")) {
                continue;
            }
            EncodedSequence s = encodeEmbedding(c);
            assertPositions(c, s);
            float[] pooled = model.lastTokenStates(List.of(toModelInput(s)))[0];
            assertThat(maxAbs(pooled, Fixtures.floats(c.path("pooled")))).as("pooled of %s", c.path("id"))
                    .isLessThan(1e-4);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void every_rerank_case_matches_ids_positions_and_logit_difference() {
        long yes = Fixtures.golden().path("token_ids").path("yes").asLong();
        long no = Fixtures.golden().path("token_ids").path("no").asLong();
        float[] wYes = model.lmHeadRow(yes);
        float[] wNo = model.lmHeadRow(no);
        int checked = 0;
        for (JsonNode c : Fixtures.golden().path("cases")) {
            if (!c.path("kind").asText().equals("rerank")) {
                continue;
            }
            EncodedSequence s = encodeRerank(c);
            assertPositions(c, s);
            float[] h = model.lastTokenStates(List.of(toModelInput(s)))[0];
            double diff = 0;
            for (int i = 0; i < h.length; i++) {
                diff += (double) h[i] * (wYes[i] - wNo[i]);
            }
            assertThat(diff).as("logit_diff of %s", c.path("id"))
                    .isCloseTo(c.path("logit_diff").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    @Test
    void hidden_states_match_layer_by_layer() {
        for (String id : List.of("text_default", "image_only")) {
            JsonNode c = Fixtures.goldenCase(id);
            EncodedSequence s = encodeEmbedding(c);
            int layers = model.config().text().numLayers();
            JsonNode keys = c.path("hidden_states");
            model.lastTokenStates(List.of(toModelInput(s)), (index, hidden) -> {
                // golden: 0 = embeddings, 1..n-1 = layer outputs, n = final norm
                int goldenIndex = index == layers + 1 ? keys.size() - 1 : index;
                if (index == layers || goldenIndex >= keys.size()) {
                    return;
                }
                float[] expected = inputs.tensor(keys.get(goldenIndex).asText());
                float[] got = hidden.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                assertThat(maxAbs(got, expected)).as("%s hidden %d", id, index).isLessThan(1e-4);
            });
        }
    }
}
