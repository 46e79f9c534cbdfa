package dev.qwen3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qwen3vl.model.ModelOptions;
import dev.qwen3vl.testing.Fixtures;
import dev.qwen3vl.testing.SampleInputs;
import dev.qwen3vl.util.BoundedCache;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reranker's vision feature cache: a hit gives exactly the score of the uncached path, hits and misses are
 * counted per image or video, and the byte bound holds through evictions.
 */
class VisionCacheTest {

    static final MultimodalContent QUERY = MultimodalContent.text("colourful waves");
    static Qwen3VlReranker uncached;
    static List<Double> uncachedLogits;

    @BeforeAll
    static void load() {
        uncached = Qwen3VlReranker.load(Fixtures.model(), EngineSettings.defaults());
        uncachedLogits = logits(uncached, SampleInputs.mixed());
    }

    @AfterAll
    static void close() {
        uncached.close();
    }

    // one pair per call, so that every pair runs in a batch of its own on both paths
    private static List<Double> logits(Qwen3VlReranker reranker, List<MultimodalContent> documents) {
        List<Double> out = new ArrayList<>();
        for (MultimodalContent d : documents) {
            out.add(reranker.score(QUERY, d, null).logit());
        }
        return out;
    }

    private static Qwen3VlReranker cached(long bytes) {
        return Qwen3VlReranker.load(Fixtures.model(),
                EngineSettings.defaults().withModel(ModelOptions.cpu().withVisionCacheBytes(bytes)));
    }

    @Test
    void a_cache_hit_scores_exactly_as_the_uncached_path() {
        assertThat(uncached.visionCacheStats()).isEqualTo(BoundedCache.Stats.off());
        try (Qwen3VlReranker reranker = cached(256L << 20)) {
            List<Double> first = logits(reranker, SampleInputs.mixed());
            BoundedCache.Stats afterFirst = reranker.visionCacheStats();
            List<Double> second = logits(reranker, SampleInputs.mixed());
            BoundedCache.Stats afterSecond = reranker.visionCacheStats();

            assertThat(first).containsExactlyElementsOf(uncachedLogits);
            assertThat(second).containsExactlyElementsOf(uncachedLogits);
            // the sample documents hold four visuals: one image, two images, one frame-list video
            assertThat(afterFirst.misses()).isEqualTo(4);
            assertThat(afterFirst.hits()).isZero();
            assertThat(afterFirst.entries()).isEqualTo(4);
            assertThat(afterSecond.hits()).isEqualTo(4);
            assertThat(afterSecond.misses()).isEqualTo(4);
            assertThat(afterSecond.evictions()).isZero();
            // the second round decoded nothing: every image and the video came from the preprocessing cache
            assertThat(reranker.preprocessCacheStats().hits()).isEqualTo(4);
        }
    }

    @Test
    void the_byte_bound_holds_through_evictions_and_evicted_entries_are_recomputed() {
        long allFour;
        try (Qwen3VlReranker reranker = cached(256L << 20)) {
            logits(reranker, SampleInputs.mixed());
            allFour = reranker.visionCacheStats().bytes();
        }
        long bound = allFour - 1;
        try (Qwen3VlReranker reranker = cached(bound)) {
            List<Double> first = logits(reranker, SampleInputs.mixed());
            List<Double> second = logits(reranker, SampleInputs.mixed());
            BoundedCache.Stats stats = reranker.visionCacheStats();

            assertThat(first).containsExactlyElementsOf(uncachedLogits);
            // an evicted visual is recomputed together with fewer others than in the uncached forward: the fused
            // attention kernel may then round differently in the last bits
            assertThat(second).zipSatisfy(uncachedLogits, (got, want) -> assertThat(got).isCloseTo(want, within(1e-4)));
            assertThat(stats.evictions()).isPositive();
            assertThat(stats.bytes()).isLessThanOrEqualTo(bound).isPositive();
            assertThat(stats.maxBytes()).isEqualTo(bound);
            assertThat(stats.misses()).isGreaterThan(4); // evicted entries were computed again
        }
    }
}
