package dev.qwen3vl.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.qwen3vl.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 8 threads × 50 mixed calls share forward passes and get exactly the vectors of sequential calls. */
class ConcurrentEmbeddingTest {

    static final int THREADS = 8;
    static final int CALLS = 50;

    static EmbeddingRequest request(int thread, int call) {
        String text = "thread " + thread + " call " + call + " " + "word ".repeat(call % 7);
        if (call % 5 == 0) {
            return EmbeddingRequest.builder()
                    .input(ImageContent.from(Fixtures.image("a_64x96.png").toUri()), TextContent.from(text))
                    .build();
        }
        return EmbeddingRequest.builder().input(text).dimensions(call % 3 == 0 ? 16 : null).build();
    }

    @Test
    void concurrent_callers_share_forward_passes_and_get_sequential_results() throws Exception {
        List<List<float[]>> sequential = new ArrayList<>();
        try (Qwen3VlEmbeddingModel model = Qwen3VlEmbeddingModel.builder().modelPath(Fixtures.model()).dtype("float32").build()) {
            for (int t = 0; t < THREADS; t++) {
                List<float[]> calls = new ArrayList<>();
                for (int c = 0; c < CALLS; c++) {
                    calls.add(model.embed(request(t, c)).embeddings().get(0).vector());
                }
                sequential.add(calls);
            }
            assertThat(model.embedder().scheduler().forwardPasses()).isEqualTo(THREADS * CALLS);
        }

        try (Qwen3VlEmbeddingModel model = Qwen3VlEmbeddingModel.builder()
                .modelPath(Fixtures.model())
                .dtype("float32") // exact: batched and sequential results compared at 1e-5
                .maxBatchSize(8)
                .maxWait(Duration.ofMillis(20))
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    for (int c = 0; c < CALLS; c++) {
                        Embedding e = model.embed(request(thread, c)).embeddings().get(0);
                        out.add(e.vector());
                    }
                    return out;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<float[]> got = futures.get(t).get();
                for (int c = 0; c < CALLS; c++) {
                    assertThat(got.get(c)).as("thread %d call %d", t, c)
                            .containsExactly(sequential.get(t).get(c), org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            pool.shutdown();
            long passes = model.embedder().scheduler().forwardPasses();
            assertThat(model.embedder().scheduler().sequencesRun()).isEqualTo(THREADS * CALLS);
            // shared: far fewer forward passes than calls
            assertThat(passes).isLessThan(THREADS * CALLS / 2);
        }
    }
}
