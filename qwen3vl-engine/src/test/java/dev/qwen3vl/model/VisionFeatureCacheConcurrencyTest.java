package dev.qwen3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwen3vl.inference.EngineSettings;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.Qwen3VlReranker;
import dev.qwen3vl.input.EncodedSequence;
import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Threads running the same image through one model at once compute its vision features once and agree. */
class VisionFeatureCacheConcurrencyTest {

    @Test
    void concurrent_forward_passes_compute_a_shared_image_once() throws Exception {
        Qwen3VlModel model = Qwen3VlModel.load(Fixtures.model(), ModelOptions.cpu().withVisionCacheBytes(64L << 20));
        try (Qwen3VlReranker reranker = Qwen3VlReranker.of(model, Qwen3Tokenizer.load(Fixtures.model()),
                EngineSettings.defaults())) {
            EncodedSequence pair = reranker.encode(MultimodalContent.text("waves"),
                    MultimodalContent.image(ImageSource.ofPath(Fixtures.image("d_640x480.png"))), null);
            ModelInput input = new ModelInput(pair.ids(), pair.positions(), pair.patches());
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<float[][]>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return model.lastTokenStates(List.of(input));
                    }));
                }
                start.countDown();
                float[] first = results.get(0).get(5, TimeUnit.MINUTES)[0];
                for (Future<float[][]> r : results) {
                    assertThat(r.get(5, TimeUnit.MINUTES)[0]).containsExactly(first);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(model.visionCacheStats().misses()).isEqualTo(1);
            assertThat(model.visionCacheStats().hits()).isEqualTo(threads - 1);
        }
    }
}
