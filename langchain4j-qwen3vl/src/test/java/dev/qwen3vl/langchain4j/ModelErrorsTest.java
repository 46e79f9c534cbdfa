package dev.qwen3vl.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.qwen3vl.hub.ModelNotFoundException;
import dev.qwen3vl.hub.ModelResolver;
import dev.qwen3vl.model.ComputeType;
import dev.qwen3vl.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelErrorsTest {

    static Qwen3VlEmbeddingModel model;
    static Qwen3VlScoringModel scoring;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        model = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dtype("float32").build();
        scoring = Qwen3VlScoringModel.builder().modelPath(Fixtures.model()).build();
    }

    @AfterAll
    static void close() {
        model.close();
        scoring.close();
    }

    @Test
    void audio_and_pdf_are_unsupported_features() {
        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .input(AudioContent.from("AAAA", "audio/wav")).build()))
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("AUDIO");
        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder()
                        .input(PdfFileContent.from("JVBERi0=", "application/pdf")).build()))
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("PDF");
        assertThatThrownBy(() -> scoring.scoreAll(List.of(TextSegment.from("doc")),
                        List.of(AudioContent.from("AAAA", "audio/wav"))))
                .isExactlyInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("AUDIO");
    }

    @Test
    void an_unknown_parameter_is_an_unsupported_feature() {
        EmbeddingRequestParameters p = EmbeddingRequestParameters.builder().modelName("other").build();
        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().input("x").parameters(p).build()))
                .isExactlyInstanceOf(UnsupportedFeatureException.class);
    }

    @Test
    void a_missing_model_folder_names_the_path_and_what_was_expected() {
        Path missing = tmp.resolve("no-such-model");
        assertThatThrownBy(() -> Qwen3VlEmbeddingModel.builder().modelPath(missing).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("config.json");
    }

    @Test
    void offline_without_a_cached_copy_says_so() {
        ModelResolver offline = ModelResolver.builder()
                .cacheDir(tmp.resolve("hub"))
                .offline(true)
                .environment(Map.of())
                .build();
        assertThatThrownBy(() -> Qwen3VlEmbeddingModel.builder()
                        .model("Qwen/Qwen3-VL-Embedding-2B")
                        .modelResolver(offline)
                        .build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("offline")
                .hasMessageContaining("Qwen/Qwen3-VL-Embedding-2B");
    }

    @Test
    void a_dimension_above_the_hidden_size_fails_at_build_time() {
        assertThatThrownBy(() -> Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dimension(33).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32")
                .hasMessageContaining("33");
    }

    @Test
    void dtype_names_are_checked_and_the_model_reports_the_type_it_runs() {
        assertThatThrownBy(() -> Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dtype("int4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown dtype 'int4'; accepted values: float32 (fp32), bfloat16 (bf16), float16 (fp16), auto");
        assertThatThrownBy(() -> Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dtype("fp16").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float16 is for CUDA devices only");
        try (Qwen3VlEmbeddingModel bf16 = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dtype("bf16")
                .build()) {
            assertThat(bf16.embedder().computeType().type()).isEqualTo(ComputeType.BFLOAT16);
            float[] v = bf16.embed("A photo of a cat").content().vector();
            float[] exact = model.embed("A photo of a cat").content().vector();
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += v[i] * exact[i];
            }
            assertThat(dot).as("cosine of bfloat16 to float32 (both unit vectors)").isGreaterThan(0.999);
        }
    }

    @Test
    void listeners_work_with_image_only_inputs() {
        List<String> seen = new ArrayList<>();
        EmbeddingModelListener listener = new EmbeddingModelListener() {
            @Override
            public void onRequest(EmbeddingModelRequestContext ctx) {
                ctx.textSegments().forEach(s -> seen.add("request " + s.text()));
            }

            @Override
            public void onResponse(EmbeddingModelResponseContext ctx) {
                seen.add("response " + ctx.embeddingResponse().embeddings().size());
            }
        };
        try (Qwen3VlEmbeddingModel listening = Qwen3VlEmbeddingModel.builder()
                .modelPath(Fixtures.model())
                .listeners(List.of(listener))
                .build()) {
            listening.embed(EmbeddingRequest.builder()
                    .input(ImageContent.from(Fixtures.image("a_64x96.png").toUri()))
                    .input(TextContent.from("some text"))
                    .build());
        }
        assertThat(seen).containsExactly("request [IMAGE]", "request some text", "response 2");
    }

    @Test
    void a_scoring_document_with_an_image_is_scored_with_it() {
        TextSegment plain = TextSegment.from("a picture");
        TextSegment withImage = TextSegment.from("a picture",
                dev.langchain4j.data.document.Metadata.from(Qwen3VlMetadata.IMAGE, Fixtures.image("b_100x150.png").toString()));
        List<Double> scores = scoring.scoreAll(List.of(plain, withImage), "colourful waves").content();
        assertThat(scores.get(0)).isBetween(0.0, 1.0).isNotEqualTo(scores.get(1));
    }
}
