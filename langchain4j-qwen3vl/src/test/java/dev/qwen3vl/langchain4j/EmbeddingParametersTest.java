package dev.qwen3vl.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.qwen3vl.inference.EmbedRequest;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-call parameters pick the instruction and dimension exactly as the engine would. */
class EmbeddingParametersTest {

    static final String TEXT = "Stocks rallied after the central bank held rates.";
    static Qwen3VlEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = Qwen3VlEmbeddingModel.builder()
                .modelPath(Fixtures.model())
                .dtype("float32")
                .instruction("Represent the document.")
                .queryInstruction("Find the matching document.")
                .build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static float[] viaModel(EmbeddingRequestParameters p) {
        return model.embed(EmbeddingRequest.builder().input(TEXT).parameters(p).build()).embeddings().get(0).vector();
    }

    static float[] viaEngine(String instruction, Integer dimension) {
        return model.embedder().embed(new EmbedRequest(MultimodalContent.text(TEXT), instruction, dimension)).vector();
    }

    @Test
    void input_type_selects_the_configured_instructions() {
        assertThat(viaModel(EmbeddingRequestParameters.builder().inputType(EmbeddingInputType.QUERY).build()))
                .containsExactly(viaEngine("Find the matching document.", null));
        assertThat(viaModel(EmbeddingRequestParameters.builder().inputType(EmbeddingInputType.DOCUMENT).build()))
                .containsExactly(viaEngine("Represent the document.", null));
        assertThat(viaModel(EmbeddingRequestParameters.EMPTY)).containsExactly(viaEngine("Represent the document.", null));
    }

    @Test
    void instruction_parameter_overrides_the_input_type() {
        EmbeddingRequestParameters p = EmbeddingRequestParameters.builder()
                .inputType(EmbeddingInputType.QUERY)
                .set(Qwen3VlEmbeddingParameters.INSTRUCTION, "Classify the news article.")
                .build();
        assertThat(viaModel(p)).containsExactly(viaEngine("Classify the news article.", null));
    }

    @Test
    void dimensions_parameter_truncates_and_renormalises() {
        float[] full = viaEngine("Represent the document.", null);
        float[] eight = viaModel(EmbeddingRequestParameters.builder().dimensions(8).build());
        assertThat(eight).hasSize(8).containsExactly(viaEngine("Represent the document.", 8));
        double norm = 0;
        for (float v : eight) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        // the same direction as the first 8 values of the full vector
        double dot = 0;
        double n8 = 0;
        for (int i = 0; i < 8; i++) {
            dot += full[i] * eight[i];
            n8 += full[i] * full[i];
        }
        assertThat(dot / Math.sqrt(n8)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
}
